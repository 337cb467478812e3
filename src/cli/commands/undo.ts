// `kubectl scale-ha undo [ID]`: restores a journaled change's before-state through the same pipeline.
import type { Command } from 'commander';
import { findEntryToUndo, journalDir, readEntries } from '../../apply/journal.ts';
import { prepareUndo, undoingText } from '../../apply/undo.ts';
import { runWrite } from '../../apply/write.ts';
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
      const helm = helmOptions(flags);
      io.finishWritesOnClosedOutput = true;
      const ctx = connect(command);
      const report = reporterFor(io, ctx.output !== 'table');
      const entries = readEntries(journalDir(io.env), (file, reason) => report.warn(`Skipped ${file}: ${reason}.`));
      const entry = findEntryToUndo(entries, id, ctx.session.contextName);
      const session = writeSession(io, ctx);
      const prepared = await prepareUndo(session, entries, entry, { force: Boolean(flags.force), helm });
      if (prepared.status === 'undone-already') {
        io.stderr.write(`${prepared.message}\n`);
        return;
      }
      if (prepared.warning) report.warn(prepared.warning);
      io.stderr.write(`${undoingText(entry)}\n`);
      const result = await runWrite(session, prepared.target, writeRequest(mode, report, entry.id));
      printResult(io, ctx, result, { undoOf: entry.id });
    });
}
