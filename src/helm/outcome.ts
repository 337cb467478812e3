// What a failed `helm upgrade` left behind, read from `helm history` after it (helm's own words may claim
// a rollback; the history is what is true), and how to tell the user.
import { basename } from 'node:path';
import type { HistoryEntry } from './read.ts';
import { type HelmTarget, helmCommandLine, releaseName } from './target.ts';
import type { HelmTool } from './tool.ts';

export type UpgradeOutcome =
  /** helm failed before recording a revision (bad chart, schema, values, access, a pending operation). */
  | { kind: 'unchanged'; revision: number }
  /** The upgrade revision failed and helm's rollback revision restored `to`. */
  | { kind: 'rolled-back'; failedRevision: number; revision: number; to: number }
  /** The upgrade failed and so did helm's rollback: the release is left failed. */
  | { kind: 'rollback-failed'; revision: number; status: string; recoverTo: number }
  /** The upgrade failed and nothing rolled it back (no --wait, or helm was stopped): failed or stuck pending-*. */
  | { kind: 'failed'; revision: number; status: string; recoverTo: number }
  /** `helm history` could not be read after the failure. */
  | { kind: 'unknown'; helmClaimsRollback: boolean; recoverTo: number };

const goodStatuses = new Set(['deployed', 'superseded']);

/** The last revision before the upgrade that was deployed, to roll back to by hand. */
function recoveryRevision(history: HistoryEntry[], before: number): number {
  return history.filter((entry) => entry.revision <= before && goodStatuses.has(entry.status)).at(-1)?.revision ?? before;
}

/** Classifies a failed upgrade from the latest revision before it, the history after it, and helm's error text. */
export function upgradeOutcome(before: number, history: HistoryEntry[] | undefined, helmSaid: string): UpgradeOutcome {
  if (!history) return { kind: 'unknown', helmClaimsRollback: /has been rolled back/.test(helmSaid), recoverTo: before };
  const fresh = history.filter((entry) => entry.revision > before);
  const latest = fresh.at(-1);
  if (!latest) return { kind: 'unchanged', revision: before };
  const recoverTo = recoveryRevision(history, before);
  const rolledBackTo = /^Rollback to (\d+)/.exec(latest.description)?.[1];
  if (latest.status === 'deployed' && rolledBackTo !== undefined) {
    return { kind: 'rolled-back', failedRevision: fresh[0]!.revision, revision: latest.revision, to: Number(rolledBackTo) };
  }
  if (fresh.length >= 2 && latest.status === 'failed')
    return { kind: 'rollback-failed', revision: latest.revision, status: latest.status, recoverTo };
  return { kind: 'failed', revision: latest.revision, status: latest.status, recoverTo };
}

/** The helm command a hint should name: `helm` when that is what runs, else the path given with --helm. */
const helmCommand = (tool: HelmTool) => (basename(tool.path) === 'helm' ? 'helm' : tool.path);

/** The message and hint for a failed upgrade; `changed` when the cluster may no longer match the release before it. */
export function describeOutcome(
  outcome: UpgradeOutcome,
  context: { tool: HelmTool; target: HelmTarget; release: string; helmSaid: string },
): { message: string; hint: string; changed: boolean } {
  const { tool, target, release, helmSaid } = context;
  const name = `helm upgrade of release ${releaseName(target, release)}`;
  const helm = helmCommand(tool);
  const history = helmCommandLine(helm, ['history', release], target);
  const recover = (revision: number) => `Recover with: ${helmCommandLine(helm, ['rollback', release, String(revision)], target)}`;
  const said = `helm said: ${helmSaid.replace(/\.$/, '')}.`;
  switch (outcome.kind) {
    case 'unchanged':
      return {
        message: `The ${name} failed before changing anything (the release is still at revision ${outcome.revision}); ${said}`,
        hint: 'Nothing was written; fix the cause and run the command again.',
        changed: false,
      };
    case 'rolled-back':
      return {
        message: `The ${name} failed and helm rolled it back: revision ${outcome.failedRevision} failed, revision ${outcome.revision} restores revision ${outcome.to}; ${said}`,
        hint: `The release is as it was before, with the failed revision in its history (${history}). Fix the cause (after a wait timeout: pods that cannot be scheduled or become ready) and run the command again.`,
        changed: false,
      };
    case 'rollback-failed':
      return {
        message: `The ${name} failed, and helm's rollback failed too: the release is left at revision ${outcome.revision} in status ${outcome.status}; ${said}`,
        hint: `${recover(outcome.recoverTo)} (revision ${outcome.recoverTo} is the last one deployed before the upgrade), then check ${history}.`,
        changed: true,
      };
    case 'failed':
      return {
        message: `The ${name} failed and was not rolled back: the release is left at revision ${outcome.revision} in status ${outcome.status}; ${said}`,
        hint: `${recover(outcome.recoverTo)} (revision ${outcome.recoverTo} is the last one deployed before the upgrade), then check ${history}.`,
        changed: true,
      };
    case 'unknown':
      return {
        message: `The ${name} failed${outcome.helmClaimsRollback ? ' (helm says it rolled back)' : ''}, and its history could not be read to confirm what is left; ${said}`,
        hint: `Check ${history}: if the latest revision is not deployed, ${recover(outcome.recoverTo).replace(/^R/, 'r')}.`,
        changed: true,
      };
  }
}
