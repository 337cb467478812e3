// The History screen's rows: the journal newest first, each with what it changed and where it stands.
import { entryObject } from '../apply/journal.ts';
import type { HistoryEntry } from '../apply/undo.ts';
import { t } from '../i18n/index.ts';

export interface HistoryRow {
  id: string;
  /** UTC, to the second: "2026-11-25 10:00:00Z". */
  time: string;
  context: string;
  object: string;
  change: string;
  /** "outcome unknown", "undo of X", "undone by Y", joined when several hold; "" for a plain applied change. */
  state: string;
  pending: boolean;
  undone: boolean;
  entry: HistoryEntry;
}

function stateOf(entry: HistoryEntry): string {
  return [
    // Journaled before the write, never completed: the process was killed or lost the server's answer.
    entry.state === 'pending' && t('tui.history.state.pending'),
    entry.undoOf && t('tui.history.state.undoOf', { id: entry.undoOf }),
    entry.undoneBy && t('tui.history.state.undoneBy', { id: entry.undoneBy }),
  ]
    .filter(Boolean)
    .join(t('tui.separator'));
}

const newestFirst = (a: HistoryEntry, b: HistoryEntry) => (a.time === b.time ? (a.id < b.id ? 1 : -1) : a.time < b.time ? 1 : -1);

export function historyRows(entries: readonly HistoryEntry[]): HistoryRow[] {
  return [...entries].sort(newestFirst).map((entry) => ({
    id: entry.id,
    time: entry.time.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    context: entry.context,
    object: entryObject(entry),
    change: entry.summary.join('; '),
    state: stateOf(entry),
    pending: entry.state === 'pending',
    undone: entry.undoneBy !== null,
    entry,
  }));
}
