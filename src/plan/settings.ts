// Desired settings, as both faces collect them, and the rules they must keep before any request.
import type { ScaleSettings } from '../hpa/scale.ts';
import { usageError } from '../k8s/errors.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import type { SidecarResources } from '../profiles/wallarm.ts';
import type { ResourceList } from '../k8s/types.ts';
import type { AntiAffinityMode } from '../snapshot/workloads.ts';
import { t } from '../i18n/index.ts';

export interface WorkloadSettings {
  replicas?: number;
  forceReplicas?: boolean;
  antiAffinity?: AntiAffinityMode;
  /** Full label name: kubernetes.io/hostname or topology.kubernetes.io/zone. */
  topologyKey?: string;
  weight?: number;
  /** Topology spread of its own pods: a topology key, or 'none' to remove its own constraints. */
  spread?: string;
  maxSkew?: number;
  whenUnsatisfiable?: 'ScheduleAnyway' | 'DoNotSchedule';
  /** The container --requests/--limits change (-c; the only container when unset). */
  container?: string;
  requests?: ResourceList;
  limits?: ResourceList;
  /** Wallarm-injected containers, each with its own resources: one template change, one rollout. */
  sidecars?: SidecarResources[];
}

export function validateScale(
  settings: ScaleSettings,
  current: { min?: number | undefined; max?: number | undefined },
  what: string,
): void {
  if (settings.min === undefined && settings.max === undefined && settings.cpu === undefined) {
    throw usageError(t('plan.nothingToChange', { what }), t('plan.settings.passScaleFlags'));
  }
  const min = settings.min ?? current.min ?? 1;
  const max = settings.max ?? current.max;
  if (max !== undefined && max < min) {
    const params = { what, max, min };
    throw usageError(
      settings.max === undefined
        ? t('plan.settings.maxBelowMinCurrentMax', params)
        : settings.min === undefined
          ? t('plan.settings.maxBelowMinCurrentMin', params)
          : t('plan.settings.maxBelowMin', params),
      t('plan.maxBelowMinHint'),
    );
  }
}

/** Requests may not exceed limits; the API server rejects it too, but later and less clearly. */
export function checkRequestsWithinLimits(requests: ResourceList | undefined, limits: ResourceList | undefined, what: string): void {
  for (const [name, request] of Object.entries(requests ?? {})) {
    const limit = limits?.[name];
    if (limit !== undefined && parseQuantity(request, name) > parseQuantity(limit, name)) {
      throw usageError(t('plan.settings.requestAboveLimit', { what, name, request, limit }), t('plan.settings.requestAboveLimitHint'));
    }
  }
}

/** Zero or negative requests and limits are not a setting anyone means (a memory limit of 0 kills the pod). */
function checkPositive(list: ResourceList | undefined, flag: string): void {
  for (const [name, quantity] of Object.entries(list ?? {}))
    if (parseQuantity(quantity, `${flag} ${name}`) <= 0)
      throw usageError(t('plan.settings.notPositive', { flag: `${flag} ${name}`, quantity }));
}

/** Each sidecar once, with resources of its own, in the cpu and memory its annotations carry. */
function validateSidecars(sidecars: readonly SidecarResources[]): void {
  const seen = new Set<string>();
  for (const { sidecar, requests, limits } of sidecars) {
    if (seen.has(sidecar)) throw usageError(t('plan.settings.sidecarTwice', { sidecar }), t('plan.settings.sidecarTwiceHint'));
    seen.add(sidecar);
    if (requests === undefined && limits === undefined)
      throw usageError(
        t('plan.settings.sidecarNeedsResources', { sidecar }),
        t('plan.settings.sidecarExample', {
          example: `--sidecar ${sidecar} --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi`,
        }),
      );
    for (const [flag, list] of [
      ['--requests', requests],
      ['--limits', limits],
    ] as const) {
      const other = Object.keys(list ?? {}).find((name) => name !== 'cpu' && name !== 'memory');
      if (other)
        throw usageError(
          t('plan.settings.sidecarCpuMemoryOnly', { flag: `--sidecar ${sidecar} ${flag}`, other }),
          t('plan.settings.sidecarCpuMemoryOnlyHint'),
        );
      checkPositive(list, `--sidecar ${sidecar} ${flag}`);
    }
    checkRequestsWithinLimits(requests, limits, `--sidecar ${sidecar}`);
  }
}

/** Rules a workload change must keep, whichever face collected it; checked once, before any request. */
export function validateWorkloadSettings(settings: WorkloadSettings): void {
  const resources = settings.requests !== undefined || settings.limits !== undefined;
  const sidecars = settings.sidecars ?? [];
  if (sidecars.length && settings.container) throw usageError(t('plan.settings.containerOrSidecar'));
  if (sidecars.length && resources)
    throw usageError(
      t('plan.settings.sidecarOwnResources'),
      t('plan.settings.sidecarOwnResourcesHint', {
        example: '--sidecar proxy --requests … --limits … --sidecar init-iptables --requests …',
      }),
    );
  if (settings.container && !resources) throw usageError(t('plan.settings.containerNeedsResources', { container: settings.container }));
  if (
    settings.replicas === undefined &&
    settings.antiAffinity === undefined &&
    settings.topologyKey === undefined &&
    settings.spread === undefined &&
    !resources &&
    !sidecars.length
  ) {
    throw usageError(t('plan.settings.nothingToChange'), t('plan.settings.nothingToChangeHint'));
  }
  if (
    (settings.maxSkew !== undefined || settings.whenUnsatisfiable !== undefined) &&
    (settings.spread === undefined || settings.spread === 'none')
  ) {
    throw usageError(t('plan.settings.skewNeedsSpread'));
  }
  if (settings.antiAffinity === 'none' && (settings.topologyKey !== undefined || settings.weight !== undefined)) {
    throw usageError(t('plan.settings.noneTakesNoKey'));
  }
  if (settings.weight !== undefined && (settings.weight < 1 || settings.weight > 100))
    throw usageError(t('plan.settings.weightRange', { weight: settings.weight }));
  if (settings.weight !== undefined && settings.antiAffinity === 'required') throw usageError(t('plan.settings.weightPreferredOnly'));
  checkPositive(settings.requests, '--requests');
  checkPositive(settings.limits, '--limits');
  checkRequestsWithinLimits(settings.requests, settings.limits, t('plan.settings.containerResources'));
  validateSidecars(sidecars);
}
