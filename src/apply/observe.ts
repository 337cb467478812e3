// After a write: what the write set in motion. Bounded waits, never an endless watch.
import { t } from '../i18n/index.ts';
import type { KubeApi } from '../kube/api.ts';
import { getHpa, getObject, listHpas } from '../kube/resources.ts';
import { apigeeComponentOf } from '../profiles/apigee.ts';
import type { ObjectRef } from '../plan/types.ts';
import type { ApigeeResource, WorkloadObject } from '../k8s/types.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads `probe` every `pollMs` until it says done or `timeoutMs` has passed; returns the last reading
 * with how long it waited. Bounded: never an endless watch.
 */
async function pollUntil<T>(
  probe: () => Promise<{ done: boolean; seen: T }>,
  timeoutMs: number,
  pollMs: number,
): Promise<T & { waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const { done, seen } = await probe();
    const waitedMs = Date.now() - started;
    if (done || waitedMs >= timeoutMs) return { ...seen, waitedMs };
    await sleep(Math.min(pollMs, Math.max(0, timeoutMs - waitedMs)));
  }
}

export interface HpaReconcile {
  /** The operator-owned HPAs of the component, as last seen. */
  hpas: { name: string; minReplicas: number; maxReplicas: number; currentReplicas: number | undefined }[];
  reconciled: boolean;
  waitedMs: number;
}

/** Polls until every HPA the CR owns for the component shows the new min/max, or the timeout passes. */
export async function waitForComponentHpas(
  api: KubeApi,
  cr: ApigeeResource,
  component: string,
  expected: { min?: number | undefined; max?: number | undefined },
  timeoutMs: number,
  pollMs = 1000,
): Promise<HpaReconcile> {
  const namespace = cr.metadata.namespace ?? 'default';
  return pollUntil(
    async () => {
      const { items } = await listHpas(api, { namespace, action: t('apply.action.listHpasIn', { namespace }) });
      const owned = items.filter(
        (h) =>
          h.metadata.ownerReferences?.some((o) => o.uid === cr.metadata.uid || (o.kind === cr.kind && o.name === cr.metadata.name)) &&
          apigeeComponentOf(h, cr.kind ?? '') === component,
      );
      const hpas = owned.map((h) => ({
        name: h.metadata.name,
        minReplicas: h.spec.minReplicas ?? 1,
        maxReplicas: h.spec.maxReplicas,
        currentReplicas: h.status?.currentReplicas,
      }));
      const reconciled =
        hpas.length > 0 &&
        hpas.every(
          (h) =>
            (expected.min === undefined || h.minReplicas === expected.min) &&
            (expected.max === undefined || h.maxReplicas === expected.max),
        );
      return { done: reconciled, seen: { hpas, reconciled } };
    },
    timeoutMs,
    pollMs,
  );
}

export interface RolloutReport {
  desired: number;
  updated: number;
  available: number;
  complete: boolean;
  waitedMs: number;
}

/** Follows the rollout a template change started, like `kubectl rollout status`, up to the timeout. */
export async function followRollout(
  api: KubeApi,
  ref: ObjectRef,
  applied: WorkloadObject,
  timeoutMs: number,
  pollMs = 1000,
): Promise<RolloutReport> {
  const generation = applied.metadata.generation ?? 0;
  return pollUntil(
    async () => {
      const live = await getObject<
        WorkloadObject & {
          status?: { observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number; replicas?: number };
        }
      >(api, ref);
      const desired = live.spec.replicas ?? 1;
      const status = live.status ?? {};
      const updated = status.updatedReplicas ?? 0;
      const available = status.availableReplicas ?? 0;
      const complete =
        (status.observedGeneration ?? 0) >= generation &&
        updated === desired &&
        available === desired &&
        (status.replicas ?? 0) === desired;
      return { done: complete, seen: { desired, updated, available, complete } };
    },
    timeoutMs,
    pollMs,
  );
}

export interface HpaHealth {
  name: string;
  /** ScalingActive=True: the HPA computes replica counts from its metrics. */
  scalingActive: boolean;
  /** Metrics without a current value: kubectl shows them as <unknown>. */
  unknownMetrics: number;
  healthy: boolean;
  /** The ScalingActive condition's reason and message when it is not True. */
  reason?: string;
  waitedMs: number;
}

/** Polls an HPA until ScalingActive=True with every metric read, or the timeout passes. */
export async function waitForHpaHealthy(
  api: KubeApi,
  namespace: string,
  name: string,
  timeoutMs: number,
  pollMs = 1000,
): Promise<HpaHealth> {
  return pollUntil(
    async () => {
      const hpa = await getHpa(api, namespace, name);
      const active = hpa.status?.conditions?.find((c) => c.type === 'ScalingActive');
      const declared = hpa.spec.metrics?.length ?? 0;
      const read = (hpa.status?.currentMetrics ?? []).filter((metric) => JSON.stringify(metric).includes('"current"')).length;
      const unknownMetrics = Math.max(0, declared - read);
      const scalingActive = active?.status === 'True';
      const healthy = scalingActive && unknownMetrics === 0;
      const reason = active && !scalingActive ? { reason: `${active.reason}: ${active.message}` } : {};
      return { done: healthy, seen: { name, scalingActive, unknownMetrics, healthy, ...reason } };
    },
    timeoutMs,
    pollMs,
  );
}
