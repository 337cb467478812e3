// The TUI's write use-case: one Intent → its route (targetOf: patch, or helm for helm-managed objects) → runWrite,
// with a Reporter that hands the diffs and lines to the screen as they come. Called only by the useWrite hook.
import type { ExecuteResult, Reporter } from '../apply/pipeline.ts';
import { type RouteOptions, runWrite, targetOf, type WriteSession } from '../apply/write.ts';
import type { Diff } from '../plan/diff.ts';
import type { Intent } from '../plan/intent.ts';

export type WriteLine = { kind: 'info' | 'warning'; text: string };

/** What the screen is told while a write runs. */
export interface WriteListener {
  diff(diff: Diff): void;
  line(line: WriteLine): void;
}

/** 'server': the Review's server dry-run; 'none': the Apply, already confirmed on the Review. */
export type WriteIntent = (intent: Intent, dryRun: 'server' | 'none', listener: WriteListener) => Promise<ExecuteResult>;

export const tuiRoute: RouteOptions = { direct: false, helm: { timeoutSeconds: 300 } };

export function writeIntentWith(session: WriteSession, route: RouteOptions = tuiRoute): WriteIntent {
  return async (intent, dryRun, listener) => {
    const report: Reporter = {
      diff: (diff) => listener.diff(diff),
      info: (text) => listener.line({ kind: 'info', text }),
      warn: (text) => listener.line({ kind: 'warning', text }),
    };
    const target = await targetOf(session, intent, { namespaceExplicit: true, onInfo: report.info, onWarning: report.warn }, route);
    return runWrite(session, target, { dryRun, yes: dryRun === 'none', report });
  };
}
