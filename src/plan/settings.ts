// Desired settings from flags, parsed and validated before any request (kubectl's Validate step).
import type { ScaleSettings } from '../hpa/scale.ts';
import { usageError } from '../k8s/errors.ts';
import { parseWholeNumber } from '../k8s/limits.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import { sidecarNames, type SidecarName } from '../profiles/wallarm.ts';
import type { ResourceList } from '../k8s/types.ts';
import { hostnameLabel, zoneLabel, type AntiAffinityMode } from '../snapshot/workloads.ts';

export type { ScaleSettings } from '../hpa/scale.ts';

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
  container?: string;
  sidecar?: SidecarName;
  requests?: ResourceList;
  limits?: ResourceList;
}

/** A replica count, weight or skew from a flag: whole, at least `minimum`, and an int32. */
export function parseCount(text: string | undefined, flag: string, minimum: number): number | undefined {
  return parseWholeNumber(text, flag, minimum);
}

export function parsePercent(text: string | undefined, flag: string): number | undefined {
  const value = parseCount(text, flag, 1);
  if (value !== undefined && value > 100)
    throw usageError(
      `${flag} must be between 1 and 100 percent (got ${value}).`,
      "It is the average CPU use as a percentage of the pods' CPU requests.",
    );
  return value;
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

const resourceNames = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** "cpu=250m,memory=256Mi" → { cpu: '250m', memory: '256Mi' }; each value checked as a quantity. */
export function parseResourceList(text: string | undefined, flag: string): ResourceList | undefined {
  if (text === undefined) return undefined;
  const list: ResourceList = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value, extra] = part.split('=').map((s) => s.trim());
    if (!name || !value || extra !== undefined)
      throw usageError(`${flag}: "${part}" is not NAME=QUANTITY.`, `Example: ${flag} cpu=250m,memory=256Mi`);
    if (!resourceNames.has(name)) throw usageError(`${flag}: unknown resource "${name}".`, 'Use cpu, memory or ephemeral-storage.');
    if (parseQuantity(value, `${flag} ${name}`) <= 0) throw usageError(`${flag} ${name} must be positive (got ${value}).`);
    list[name] = value;
  }
  if (Object.keys(list).length === 0)
    throw usageError(`${flag} needs at least one NAME=QUANTITY.`, `Example: ${flag} cpu=250m,memory=256Mi`);
  return list;
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

export function parseAntiAffinity(text: string | undefined): AntiAffinityMode | undefined {
  if (text === undefined) return undefined;
  if (text === 'none' || text === 'preferred' || text === 'required') return text;
  throw usageError(`--anti-affinity: "${text}" is not one of none, preferred, required.`);
}

export function parseTopologyKey(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text === 'hostname' || text === hostnameLabel) return hostnameLabel;
  if (text === 'zone' || text === zoneLabel) return zoneLabel;
  throw usageError(
    `--topology-key: "${text}" is not hostname or zone.`,
    `hostname spreads pods over nodes (${hostnameLabel}), zone over zones (${zoneLabel}).`,
  );
}

/** --topology-spread: hostname | zone | none. */
export function parseSpread(text: string | undefined): string | undefined {
  if (text === undefined || text === 'none') return text;
  try {
    return parseTopologyKey(text);
  } catch {
    throw usageError(`--topology-spread: "${text}" is not hostname, zone or none.`);
  }
}

export function parseWhenUnsatisfiable(text: string | undefined): WorkloadSettings['whenUnsatisfiable'] {
  if (text === undefined) return undefined;
  if (text === 'ScheduleAnyway' || text === 'DoNotSchedule') return text;
  throw usageError(
    `--when-unsatisfiable: "${text}" is not ScheduleAnyway or DoNotSchedule.`,
    'ScheduleAnyway prefers the spread; DoNotSchedule leaves pods Pending rather than skew more.',
  );
}

export function parseSidecar(text: string | undefined): SidecarName | undefined {
  if (text === undefined) return undefined;
  if ((sidecarNames as readonly string[]).includes(text)) return text as SidecarName;
  throw usageError(`--sidecar: "${text}" is not one of ${sidecarNames.join(', ')}.`);
}

/** Cross-flag rules of `patch workload`. */
export function validateWorkloadSettings(settings: WorkloadSettings): void {
  const resources = settings.requests !== undefined || settings.limits !== undefined;
  if (settings.sidecar && settings.container) throw usageError('Use either -c/--container or --sidecar, not both.');
  if (settings.sidecar && !resources) throw usageError(`--sidecar ${settings.sidecar} needs --requests and/or --limits.`);
  if (settings.container && !resources) throw usageError(`-c ${settings.container} needs --requests and/or --limits.`);
  if (
    settings.replicas === undefined &&
    settings.antiAffinity === undefined &&
    settings.topologyKey === undefined &&
    settings.spread === undefined &&
    !resources
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
  checkRequestsWithinLimits(settings.requests, settings.limits, settings.sidecar ? `--sidecar ${settings.sidecar}` : 'container resources');
}
