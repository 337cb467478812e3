// `kubectl scale-ha history`: the journal of applied changes, newest last.
import type { Command } from 'commander';
import { t } from '../../i18n/index.ts';
import { entryObject, journalDir } from '../../apply/journal.ts';
import { selectedContext } from '../../apply/session.ts';
import { type HistoryEntry, readHistory } from '../../apply/undo.ts';
import { globalsOf } from '../context.ts';
import { parseOutputFormat, renderData, renderTable, terminalWidth } from '../output.ts';
import type { Io } from '../program.ts';

/** pending: recorded before the write, with no outcome (the process was killed or lost the answer). */
function stateColumn(entry: HistoryEntry): string {
  if (entry.state === 'pending') return t('cli.history.outcomeUnknown');
  return entry.undoneBy ? t('cli.history.undoneBy', { id: entry.undoneBy }) : '';
}

/** The command's action (flags are declared in cli/usage/history.ts). */
export async function historyAction(io: Io, options: { contextOnly?: boolean }, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const output = parseOutputFormat(globals.output);
  let entries = readHistory(journalDir(io.env), (file, reason) => io.stderr.write(`${t('cli.notes.skippedJournal', { file, reason })}\n`));
  if (options.contextOnly) {
    const contextName = selectedContext({ kubeconfig: globals.kubeconfig, context: globals.context });
    entries = entries.filter((e) => e.context === contextName);
  }
  if (output !== 'table') {
    io.stdout.write(
      renderData(output, {
        journal: journalDir(io.env),
        entries: entries.map(({ before: _b, after: _a, ...rest }: HistoryEntry & { before?: unknown; after?: unknown }) => rest),
      }),
    );
    return;
  }
  if (entries.length === 0) {
    io.stderr.write(`${t('cli.notes.noHistory', { dir: journalDir(io.env) })}\n`);
    return;
  }
  const rows = entries.map((e) => [
    e.id,
    e.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    e.context,
    e.user,
    entryObject(e),
    e.undoOf
      ? t('cli.history.undoOf', { id: e.undoOf })
      : e.summary.length === 1
        ? e.summary[0]!
        : t('cli.history.fields', { count: e.summary.length }),
    stateColumn(e),
  ]);
  const headers = [
    t('cli.table.history.id'),
    t('cli.table.history.time'),
    t('cli.table.history.context'),
    t('cli.table.history.user'),
    t('cli.table.history.object'),
    t('cli.table.history.change'),
    t('cli.table.history.state'),
  ];
  io.stdout.write(renderTable(headers, rows, await terminalWidth(io.stdout)));
}
