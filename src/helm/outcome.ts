// What a failed `helm upgrade` left behind, read from `helm history` after it (helm's own words may claim
// a rollback; the history is what is true), and how to tell the user.
import { basename } from 'node:path';
import { t } from '../i18n/index.ts';
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
  const helm = helmCommand(tool);
  const history = helmCommandLine(helm, ['history', release], target);
  const rollback = (revision: number) => helmCommandLine(helm, ['rollback', release, String(revision)], target);
  // helm's own words, quoted as it wrote them.
  const said = helmSaid.replace(/\.$/, '');
  const params = { release: releaseName(target, release), said, history };
  switch (outcome.kind) {
    case 'unchanged':
      return {
        message: t('helm.outcome.unchanged', { ...params, revision: outcome.revision }),
        hint: t('helm.outcome.unchangedHint'),
        changed: false,
      };
    case 'rolled-back':
      return {
        message: t('helm.outcome.rolledBack', { ...params, failed: outcome.failedRevision, revision: outcome.revision, to: outcome.to }),
        hint: t('helm.outcome.rolledBackHint', params),
        changed: false,
      };
    case 'rollback-failed':
    case 'failed':
      return {
        message: t(outcome.kind === 'failed' ? 'helm.outcome.notRolledBack' : 'helm.outcome.rollbackFailed', {
          ...params,
          revision: outcome.revision,
          status: outcome.status,
        }),
        hint: t('helm.outcome.recoverHint', { ...params, rollback: rollback(outcome.recoverTo), revision: outcome.recoverTo }),
        changed: true,
      };
    case 'unknown':
      return {
        message: t(outcome.helmClaimsRollback ? 'helm.outcome.unknownClaimsRollback' : 'helm.outcome.unknown', params),
        hint: t('helm.outcome.unknownHint', { ...params, rollback: rollback(outcome.recoverTo) }),
        changed: true,
      };
  }
}
