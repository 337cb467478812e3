// `kubectl scale-ha undo [ID]`: restores a journaled change's before-state through the same pipeline.
import type { Command } from 'commander';
import { findEntryToUndo, journalDir, readEntries } from '../../apply/journal.ts';
import { prepareUndo, undoingText } from '../../apply/undo.ts';
import { runWrite } from '../../apply/write.ts';
import { t } from '../../i18n/index.ts';
import { connect } from '../context.ts';
import type { Io } from '../program.ts';
import { type HelmFlags, helmOptions, printResult, reporterFor, type WriteFlags, writeMode, writeRequest, writeSession } from '../write.ts';

export type UndoFlags = WriteFlags & HelmFlags & { force?: boolean };

/** The command's action (arguments and flags are declared in cli/usage/undo.ts). */
export async function undoAction(io: Io, id: string | undefined, flags: UndoFlags, command: Command): Promise<void> {
  const mode = writeMode(flags);
  const helm = helmOptions(flags);
  io.finishWritesOnClosedOutput = true;
  const ctx = connect(command);
  const report = reporterFor(io, ctx.output !== 'table');
  const entries = readEntries(journalDir(io.env), (file, reason) => report.warn(t('cli.undo.skipped', { file, reason })));
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
}
