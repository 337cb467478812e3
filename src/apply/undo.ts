// The undo use-case both faces call: the journal as history (which change undid which), and one entry's undo
// prepared with its refusals. `kubectl scale-ha history`/`undo` and the TUI's History screen reach it alike.
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { HelmOptions } from './helm-route.ts';
import { type JournalEntry, readEntries } from './journal.ts';
import { undoTargetOf, type WriteSession, type WriteTarget } from './write.ts';

/** A journal entry with the id of the entry that undid it (null: not undone). */
export type HistoryEntry = JournalEntry & { undoneBy: string | null };

/** Each undone entry's id → the entry that undid it; after a forced second undo, the newest. */
function undoersOf(entries: readonly JournalEntry[]): Map<string, JournalEntry> {
  return new Map(entries.filter((e) => e.undoOf !== undefined).map((e) => [e.undoOf!, e]));
}

/** The entries in their order, each with who undid it. */
export function historyOf(entries: readonly JournalEntry[]): HistoryEntry[] {
  const undoers = undoersOf(entries);
  return entries.map((entry) => ({ ...entry, undoneBy: undoers.get(entry.id)?.id ?? null }));
}

/** The journal in `dir` as history, oldest first; `onSkip` names files that are not entries. */
export function readHistory(dir: string, onSkip?: (file: string, reason: string) => void): HistoryEntry[] {
  return historyOf(readEntries(dir, onSkip));
}

export type PreparedUndo =
  /** Undone already and not forced: nothing to write, and `message` says so. */
  { status: 'undone-already'; message: string } | { status: 'ready'; target: WriteTarget; warning?: string };

/**
 * The undo of `entry`, checked against the whole `journal`: an entry undone already is not undone again
 * unless forced, and one made in another context is refused (its context may name another cluster).
 */
export async function prepareUndo(
  session: WriteSession,
  journal: readonly JournalEntry[],
  entry: JournalEntry,
  options: { force: boolean; helm: HelmOptions },
): Promise<PreparedUndo> {
  const undoneBy = undoersOf(journal).get(entry.id);
  if (undoneBy && !options.force)
    return {
      status: 'undone-already',
      message: t('apply.undo.alreadyUndone', { id: entry.id, undoneBy: undoneBy.id, time: undoneBy.time }),
    };
  if (entry.context !== session.contextName) {
    throw new UserError(t('apply.undo.otherContext', { id: entry.id, context: entry.context, current: session.contextName }), {
      hint: t('apply.undo.otherContextHint', { context: entry.context }),
      exitCode: ExitCode.usage,
    });
  }
  return { status: 'ready', ...(await undoTargetOf(session, entry, options)) };
}

/** What an undo announces before it plans: the entry, when and by whom it was made, what it changed. */
export const undoingText = (entry: JournalEntry): string =>
  t('apply.undo.undoing', { id: entry.id, time: entry.time, user: entry.user, summary: entry.summary.join('; ') });
