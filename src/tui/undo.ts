// The TUI's undo: a journal entry's undo as a write job, so the Review shows its server dry-run and `y` applies it,
// through the same use-case as `kubectl scale-ha undo` (its refusals included).
import type { HelmOptions } from '../apply/helm-route.ts';
import { entryObject, type JournalEntry, readEntries } from '../apply/journal.ts';
import { prepareUndo, undoingText } from '../apply/undo.ts';
import { runWrite, type WriteSession } from '../apply/write.ts';
import { t } from '../i18n/index.ts';
import { UserError } from '../k8s/errors.ts';
import { reporterOf, tuiRoute, type WriteJob } from './write.ts';

export type UndoJob = (entry: JournalEntry) => WriteJob;

export function undoJobWith(session: WriteSession, helm: HelmOptions = tuiRoute.helm): UndoJob {
  return (entry) => ({
    label: t('tui.undo.label', { id: entry.id, object: entryObject(entry) }),
    run: async (dryRun, listener) => {
      const report = reporterOf(listener);
      // Read at run time, not when the screen listed it: the entry may have been undone since, here or by the CLI.
      const journal = readEntries(session.journalDir, (file, reason) => report.warn(t('tui.undo.skipped', { file, reason })));
      const prepared = await prepareUndo(session, journal, entry, { force: false, helm });
      if (prepared.status === 'undone-already')
        throw new UserError(prepared.message, {
          hint: t('tui.undo.forceHint', { command: `kubectl scale-ha undo ${entry.id} --force` }),
        });
      if (prepared.warning) report.warn(prepared.warning);
      report.info(undoingText(entry));
      return runWrite(session, prepared.target, { dryRun, yes: dryRun === 'none', report, undoOf: entry.id });
    },
  });
}
