// The TUI's write use-case: one Intent → its route (targetOf: patch, or helm for helm-managed objects) → runWrite,
// then, once applied, the same bounded follow-up as the CLI (rollout, operator reconcile, HPA health), with a
// Reporter that hands the diffs and lines to the screen as they come. Called only by the useWrite hook.
import { followWrite } from '../apply/follow.ts';
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
export type DryRun = 'server' | 'none';

/** One write the Review shows and the Apply repeats for real: a change of an Intent, or an undo. */
export interface WriteJob {
  label: string;
  run: (dryRun: DryRun, listener: WriteListener) => Promise<ExecuteResult>;
}

/** The wizard's route for helm-managed objects: through the release (with the user's values file), or a direct patch. */
export interface WriteRoute {
  direct: boolean;
  valuesFile: string | undefined;
}

export type WriteIntent = (intent: Intent, dryRun: DryRun, listener: WriteListener, route?: WriteRoute) => Promise<ExecuteResult>;

export const tuiRoute: RouteOptions = { direct: false, helm: { timeoutSeconds: 300 } };

const routeOptions = (route: WriteRoute | undefined, base: RouteOptions): RouteOptions =>
  route ? { direct: route.direct, helm: { ...base.helm, ...(route.valuesFile ? { valuesFile: route.valuesFile } : {}) } } : base;

/** How long the Apply follows the effect of a write, as the CLI's default --wait-timeout. */
export const followMs = 30_000;

export const reporterOf = (listener: WriteListener): Reporter => ({
  diff: (diff) => listener.diff(diff),
  info: (text) => listener.line({ kind: 'info', text }),
  warn: (text) => listener.line({ kind: 'warning', text }),
});

export function writeIntentWith(session: WriteSession, route: RouteOptions = tuiRoute, waitMs = followMs): WriteIntent {
  return async (intent, dryRun, listener, chosen) => {
    const report = reporterOf(listener);
    const hooks = { namespaceExplicit: true, onInfo: report.info, onWarning: report.warn };
    const target = await targetOf(session, intent, hooks, routeOptions(chosen, route));
    const result = await runWrite(session, target, { dryRun, yes: dryRun === 'none', report });
    if (dryRun === 'none') await followWrite(session.client, intent, result, target.subject, waitMs, report, { hpaHealth: true });
    return result;
  };
}
