// `kubectl scale-ha undo [ID]`: restores a journaled change's before-state through the same pipeline.
import type { Command } from 'commander';
import { findEntryToUndo, journalDir, readEntries } from '../../apply/journal.ts';
import { undoTarget } from '../../apply/targets.ts';
import { runWrite } from '../../apply/write.ts';
import { ExitCode, UserError } from '../../k8s/errors.ts';
import { checkUndoServer } from '../../plan/undo.ts';
import { connect } from '../context.ts';
import type { Io } from '../program.ts';
import { addWriteOptions, printResult, reporterFor, type WriteFlags, writeMode, writeRequest, writeSession } from '../write.ts';

type UndoFlags = WriteFlags & { force?: boolean };

export function registerUndo(program: Command, io: Io): void {
  addWriteOptions(
    program
      .command('undo')
      .description('restore what a journaled change altered (default: the newest change in this context not undone yet)')
      .argument('[ID]', 'journal entry id or a unique prefix (see `kubectl scale-ha history`)'),
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
      const otherServer = checkUndoServer(entry, ctx.client.server, { force: Boolean(flags.force) });
      if (otherServer) report.warn(otherServer);
      io.stderr.write(`Undoing ${entry.id} (${entry.time}, ${entry.user}): ${entry.summary.join('; ')}\n`);
      const target = undoTarget(ctx.client, entry, { force: Boolean(flags.force) });
      const result = await runWrite(writeSession(io, ctx), target, writeRequest(mode, report, entry.id));
      printResult(io, ctx, result, { undoOf: entry.id });
    });
}
