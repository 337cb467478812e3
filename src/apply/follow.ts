// What follows a landed write: the operator's HPA reconcile, the rollout a template change started.
// Bounded waits; a failure is a warning, since the change is already in the cluster.
import { t } from '../i18n/index.ts';
import type { ApigeeResource, KubeObject, WorkloadObject } from '../k8s/types.ts';
import { getObject, listHpas } from '../kube/resources.ts';
import type { ObjectRef } from '../plan/types.ts';
import type { KubeClient } from '../kube/client.ts';
import type { Intent } from '../plan/intent.ts';
import {
  followRollout,
  type HpaHealth,
  type HpaReconcile,
  type RolloutReport,
  waitForComponentHpas,
  waitForHpaHealthy,
} from './observe.ts';
import type { ExecuteResult, Reporter } from './pipeline.ts';

/** Runs a follow-up; its failure becomes a warning that says the change is applied. */
export async function afterWrite<T>(report: Reporter, what: string, follow: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await follow();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report.warn(t('apply.follow.failed', { what, message }));
    return { error: message };
  }
}

export type FollowUp =
  | { hpa: HpaReconcile | { error: string } }
  | { rollout: RolloutReport | { error: string } }
  | { health: HpaHealth | { error: string } }
  | Record<string, never>;

/** The object as the write left it: a patch's answer, or read again after a helm upgrade. */
const appliedObject = <T extends KubeObject>(client: KubeClient, result: ExecuteResult, ref: ObjectRef): Promise<T> =>
  result.applied ? Promise.resolve(result.applied as T) : getObject<T>(client, ref);

/**
 * Follows the effect of an applied write on `subject` (the object the intent names) for up to `waitMs`
 * (0: not at all), reporting as it goes: the operator's HPA, the rollout, or the HPA reading its metrics.
 */
export async function followWrite(
  client: KubeClient,
  intent: Intent,
  result: ExecuteResult,
  subject: ObjectRef | undefined,
  waitMs: number,
  report: Reporter,
  /** Also wait for a directly patched HPA, or a workload's HPAs, to read all their metrics (the TUI's post-apply verification). */
  options: { hpaHealth?: boolean } = {},
): Promise<FollowUp> {
  if (result.status !== 'applied' || waitMs <= 0 || !subject || (result.change.kind !== 'patch' && result.change.kind !== 'helm-upgrade'))
    return {};
  const ref = subject;
  if (intent.type === 'component') {
    const { settings, component, kind } = intent;
    if (settings.min === undefined && settings.max === undefined) return {};
    const hpa = await afterWrite(report, t('apply.follow.waitingForHpa', { component }), async () => {
      report.info(t('apply.follow.waiting', { seconds: waitMs / 1000, component }));
      const seen = await waitForComponentHpas(
        client,
        await appliedObject<ApigeeResource>(client, result, ref),
        component,
        { min: settings.min, max: settings.max },
        waitMs,
      );
      for (const h of seen.hpas)
        report.info(
          `  ${t('apply.follow.hpaLine', { name: h.name, min: h.minReplicas, max: h.maxReplicas, current: h.currentReplicas ?? '-' })}`,
        );
      if (seen.reconciled) report.info(t('apply.follow.reconciled', { component }));
      else
        report.warn(
          t(seen.hpas.length ? 'apply.follow.notReconciledOther' : 'apply.follow.notReconciledNone', {
            component,
            kind,
            name: ref.name,
            seconds: Math.round(seen.waitedMs / 1000),
            namespace: ref.namespace,
          }),
        );
      return seen;
    });
    return { hpa };
  }
  if (intent.type === 'workload') {
    const what = `${intent.kind.toLowerCase()}/${intent.name}`;
    const rollout = await afterWrite(report, t('apply.follow.followingRollout', { workload: what }), async () => {
      const seen = await followRollout(client, ref, await appliedObject<WorkloadObject>(client, result, ref), waitMs);
      const counts = { workload: what, updated: seen.updated, desired: seen.desired, available: seen.available };
      if (seen.complete) report.info(t('apply.follow.rolloutComplete', counts));
      else
        report.warn(
          t('apply.follow.rolloutInProgress', { ...counts, seconds: Math.round(seen.waitedMs / 1000), namespace: ref.namespace }),
        );
      return seen;
    });
    if (options.hpaHealth && !('error' in rollout) && rollout.complete)
      await afterWrite(report, t('apply.follow.checkingHpas', { workload: what }), () =>
        checkWorkloadHpas(client, ref, intent.kind, waitMs, report),
      );
    return { rollout };
  }
  if (result.change.kind !== 'helm-upgrade' && !(options.hpaHealth && intent.type === 'hpa')) return {};
  // An HPA a chart renders: the upgrade is done when the HPA scales from all its metrics again.
  return { health: await checkHpaHealth(client, ref.namespace, ref.name, waitMs, report) };
}

function checkHpaHealth(client: KubeClient, namespace: string, name: string, waitMs: number, report: Reporter) {
  return afterWrite(report, t('apply.follow.checkingHpa', { name }), async () => {
    const seen = await waitForHpaHealthy(client, namespace, name, waitMs);
    if (seen.healthy) report.info(t('apply.follow.hpaHealthy', { name }));
    else {
      const details = [
        ...(seen.scalingActive ? [] : [t('apply.follow.notActive', { reason: seen.reason ?? t('apply.follow.noCondition') })]),
        ...(seen.unknownMetrics ? [t('apply.follow.unknownMetrics', { metrics: seen.unknownMetrics })] : []),
        t('apply.follow.checkHpa', { name, namespace }),
      ];
      report.warn(t('apply.follow.hpaUnhealthy', { name, seconds: Math.round(seen.waitedMs / 1000), details: details.join('; ') }));
    }
    return seen;
  });
}

/** After a workload's rollout, the HPAs that scale it: a fixed sidecar request is proven when they read their metrics. */
async function checkWorkloadHpas(client: KubeClient, ref: ObjectRef, kind: string, waitMs: number, report: Reporter) {
  const hpas = await listHpas(client, { namespace: ref.namespace });
  const scaling = hpas.items.filter((h) => h.spec.scaleTargetRef.kind === kind && h.spec.scaleTargetRef.name === ref.name);
  for (const hpa of scaling) await checkHpaHealth(client, ref.namespace, hpa.metadata.name, waitMs, report);
}
