// What follows a landed write: the operator's HPA reconcile, the rollout a template change started.
// Bounded waits; a failure is a warning, since the change is already in the cluster.
import type { ApigeeResource, WorkloadObject } from '../k8s/types.ts';
import type { KubeClient } from '../kube/client.ts';
import type { Intent } from '../plan/intent.ts';
import { followRollout, type HpaReconcile, type RolloutReport, waitForComponentHpas } from './observe.ts';
import type { ExecuteResult, Reporter } from './pipeline.ts';

/** Runs a follow-up; its failure becomes a warning that says the change is applied. */
export async function afterWrite<T>(report: Reporter, what: string, follow: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await follow();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    report.warn(`The change is applied; only ${what} failed: ${message}`);
    return { error: message };
  }
}

export type FollowUp = { hpa: HpaReconcile | { error: string } } | { rollout: RolloutReport | { error: string } } | Record<string, never>;

/** Follows the effect of an applied write for up to `waitMs` (0: not at all), reporting as it goes. */
export async function followWrite(
  client: KubeClient,
  intent: Intent,
  result: ExecuteResult,
  waitMs: number,
  report: Reporter,
): Promise<FollowUp> {
  if (result.status !== 'applied' || waitMs <= 0 || result.change.kind !== 'patch') return {};
  const { ref } = result.change;
  if (intent.type === 'component') {
    const { settings, component, kind } = intent;
    if (settings.min === undefined && settings.max === undefined) return {};
    const hpa = await afterWrite(report, `waiting for the ${component} HPA`, async () => {
      report.info(`Waiting up to ${waitMs / 1000}s for the Apigee operator to update the ${component} HPA…`);
      const seen = await waitForComponentHpas(
        client,
        result.applied as ApigeeResource,
        component,
        { min: settings.min, max: settings.max },
        waitMs,
      );
      for (const h of seen.hpas)
        report.info(`  hpa/${h.name}: min ${h.minReplicas}, max ${h.maxReplicas}, current ${h.currentReplicas ?? '-'}`);
      if (seen.reconciled) report.info(`The operator reconciled: the ${component} HPA shows the new values.`);
      else
        report.warn(
          `The Apigee operator has not reconciled yet: ${seen.hpas.length ? `the ${component} HPA still shows other values` : `no HPA owned by ${kind} ${ref.name} for ${component} was found`} after ${Math.round(seen.waitedMs / 1000)}s. ` +
            `The custom resource is updated; check later with: kubectl get hpa -n ${ref.namespace}`,
        );
      return seen;
    });
    return { hpa };
  }
  if (intent.type === 'workload') {
    const what = `${intent.kind.toLowerCase()}/${intent.name}`;
    const rollout = await afterWrite(report, `following the rollout of ${what}`, async () => {
      const seen = await followRollout(client, ref, result.applied as WorkloadObject, waitMs);
      if (seen.complete) report.info(`Rollout of ${what} complete: ${seen.updated}/${seen.desired} pods updated and available.`);
      else
        report.warn(
          `Rollout of ${what} still in progress after ${Math.round(seen.waitedMs / 1000)}s: ${seen.updated}/${seen.desired} updated, ${seen.available} available. Follow with: kubectl rollout status ${what} -n ${ref.namespace}`,
        );
      return seen;
    });
    return { rollout };
  }
  return {};
}
