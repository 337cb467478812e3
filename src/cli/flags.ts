// Flags → settings: parsing and the cross-flag rules of the patch commands, before any request
// (kubectl's Validate step). The domain rules the settings must keep live in plan/settings.ts.
import { usageError } from '../k8s/errors.ts';
import { parseWholeNumber } from '../k8s/limits.ts';
import { parseQuantity } from '../k8s/quantity.ts';
import type { ResourceList } from '../k8s/types.ts';
import type { WorkloadSettings } from '../plan/settings.ts';
import { type SidecarName, sidecarNames } from '../profiles/wallarm.ts';
import { type AntiAffinityMode, hostnameLabel, zoneLabel } from '../snapshot/workloads.ts';

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
