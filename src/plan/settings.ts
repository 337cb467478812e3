// Desired settings, as both faces collect them, and the rules they must keep before any request.
import type { ScaleSettings } from '../hpa/scale.ts';
import { usageError } from '../k8s/errors.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import type { SidecarResources } from '../profiles/wallarm.ts';
import type { ResourceList } from '../k8s/types.ts';
import type { AntiAffinityMode } from '../snapshot/workloads.ts';

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
    throw usageError(`Nothing to change for ${what}.`, 'Pass at least one of --min, --max, --cpu.');
  }
  const min = settings.min ?? current.min ?? 1;
  const max = settings.max ?? current.max;
  if (max !== undefined && max < min) {
    const source =
      settings.max === undefined ? `its current max ${max}` : settings.min === undefined ? `its current min ${min}` : `--min ${min}`;
    throw usageError(
      `${what}: max replicas ${max} is below min replicas ${min} (${source}).`,
      'Raise --max or lower --min so that min ≤ max.',
    );
  }
}

/** Requests may not exceed limits; the API server rejects it too, but later and less clearly. */
export function checkRequestsWithinLimits(requests: ResourceList | undefined, limits: ResourceList | undefined, what: string): void {
  for (const [name, request] of Object.entries(requests ?? {})) {
    const limit = limits?.[name];
    if (limit !== undefined && parseQuantity(request, name) > parseQuantity(limit, name)) {
      throw usageError(
        `${what}: ${name} request ${request} is above its limit ${limit}.`,
        'A request must be less than or equal to the limit; raise --limits or lower --requests.',
      );
    }
  }
}

/** Zero or negative requests and limits are not a setting anyone means (a memory limit of 0 kills the pod). */
function checkPositive(list: ResourceList | undefined, flag: string): void {
  for (const [name, quantity] of Object.entries(list ?? {}))
    if (parseQuantity(quantity, `${flag} ${name}`) <= 0) throw usageError(`${flag} ${name} must be positive (got ${quantity}).`);
}

/** Each sidecar once, with resources of its own, in the cpu and memory its annotations carry. */
function validateSidecars(sidecars: readonly SidecarResources[]): void {
  const seen = new Set<string>();
  for (const { sidecar, requests, limits } of sidecars) {
    if (seen.has(sidecar))
      throw usageError(`--sidecar ${sidecar} is given twice.`, 'Give each sidecar once, followed by its --requests and --limits.');
    seen.add(sidecar);
    if (requests === undefined && limits === undefined)
      throw usageError(
        `--sidecar ${sidecar} needs --requests and/or --limits.`,
        `Example: --sidecar ${sidecar} --requests cpu=50m,memory=64Mi --limits cpu=500m,memory=256Mi`,
      );
    for (const [flag, list] of [
      ['--requests', requests],
      ['--limits', limits],
    ] as const) {
      const other = Object.keys(list ?? {}).find((name) => name !== 'cpu' && name !== 'memory');
      if (other)
        throw usageError(
          `--sidecar ${sidecar} ${flag}: the Wallarm annotations carry cpu and memory only (got ${other}).`,
          'Drop it, or set it on the chart instead.',
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
  if (sidecars.length && settings.container) throw usageError('Use either -c/--container or --sidecar, not both.');
  if (sidecars.length && resources)
    throw usageError(
      'With --sidecar, each sidecar carries its own --requests/--limits.',
      'Put them after the --sidecar NAME they belong to: --sidecar proxy --requests … --limits … --sidecar init-iptables --requests ….',
    );
  if (settings.container && !resources) throw usageError(`-c ${settings.container} needs --requests and/or --limits.`);
  if (
    settings.replicas === undefined &&
    settings.antiAffinity === undefined &&
    settings.topologyKey === undefined &&
    settings.spread === undefined &&
    !resources &&
    !sidecars.length
  ) {
    throw usageError(
      'Nothing to change.',
      'Pass --replicas, --anti-affinity/--topology-key, --topology-spread, or --requests/--limits (with -c CONTAINER or --sidecar NAME).',
    );
  }
  if (
    (settings.maxSkew !== undefined || settings.whenUnsatisfiable !== undefined) &&
    (settings.spread === undefined || settings.spread === 'none')
  ) {
    throw usageError('--max-skew and --when-unsatisfiable need --topology-spread hostname|zone.');
  }
  if (settings.antiAffinity === 'none' && (settings.topologyKey !== undefined || settings.weight !== undefined)) {
    throw usageError('--anti-affinity none takes no --topology-key or --weight.');
  }
  if (settings.weight !== undefined && (settings.weight < 1 || settings.weight > 100))
    throw usageError(`--weight must be between 1 and 100 (got ${settings.weight}).`);
  if (settings.weight !== undefined && settings.antiAffinity === 'required')
    throw usageError('--weight applies to --anti-affinity preferred only.');
  checkPositive(settings.requests, '--requests');
  checkPositive(settings.limits, '--limits');
  checkRequestsWithinLimits(settings.requests, settings.limits, 'container resources');
  validateSidecars(sidecars);
}
