// `kubectl scale-ha undo [ID]`: restores a journaled change's before-state through the same pipeline.
import type { Command } from 'commander';
import { findEntryToUndo, journalDir, readEntries } from '../../apply/journal.ts';
import { runWrite, undoTargetOf } from '../../apply/write.ts';
import { ExitCode, UserError } from '../../k8s/errors.ts';
import { connect } from '../context.ts';
import type { Io } from '../program.ts';
import {
  addHelmOptions,
  addWriteOptions,
  type HelmFlags,
  helmOptions,
  printResult,
  reporterFor,
  type WriteFlags,
  writeMode,
  writeRequest,
  writeSession,
} from '../write.ts';

type UndoFlags = WriteFlags & HelmFlags & { force?: boolean };

export function registerUndo(program: Command, io: Io): void {
  addHelmOptions(
    addWriteOptions(
      program
        .command('undo')
        .description('restore what a journaled change altered (default: the newest change in this context not undone yet)')
        .argument('[ID]', 'journal entry id or a unique prefix (see `kubectl scale-ha history`)'),
    ),
  )
    .option(
      '--force',
      'restore even if the changed fields were modified again since, the object was re-created, or the context now points at another server',
    )
    .action(async (id: string | undefined, flags: UndoFlags, command: Command) => {
      const mode = writeMode(flags);
      io.finishWritesOnClosedOutput = true;
      const ctx = connect(command);
      const report = reporterFor(io, ctx.output !== 'table');
      const entries = readEntries(journalDir(io.env), (file, reason) => report.warn(`Skipped ${file}: ${reason}.`));
      const entry = findEntryToUndo(entries, id, ctx.session.contextName);
      const undoneBy = entries.find((e) => e.undoOf === entry.id);
      if (undoneBy && !flags.force) {
        io.stderr.write(`Journal entry ${entry.id} was already undone by ${undoneBy.id} (${undoneBy.time}): nothing to change.\n`);
        return;
      }
      if (entry.context !== ctx.session.contextName) {
        throw new UserError(`Journal entry ${entry.id} was made in context ${entry.context}, not ${ctx.session.contextName}.`, {
          hint: `Run the undo against the same cluster: --context ${entry.context}`,
          exitCode: ExitCode.usage,
        });
      }
      const session = writeSession(io, ctx);
      const { target, warning } = await undoTargetOf(session, entry, { force: Boolean(flags.force), helm: helmOptions(flags) });
      if (warning) report.warn(warning);
      io.stderr.write(`Undoing ${entry.id} (${entry.time}, ${entry.user}): ${entry.summary.join('; ')}\n`);
      const result = await runWrite(session, target, writeRequest(mode, report, entry.id));
      printResult(io, ctx, result, { undoOf: entry.id });
    });
}
