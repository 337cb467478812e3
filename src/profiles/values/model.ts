// Helm values as plain data: the edits a scaling change makes to a release's values, their paths,
// and how helm layers the user's values over the chart's defaults. Pure; profiles/ may import only k8s/,
// so the settings are spelled here (the same fields as hpa/scale.ts ScaleSettings and plan/settings.ts WorkloadSettings).
import type { HPABehavior, ResourceList } from '../../k8s/types.ts';
import type { SidecarResources } from '../wallarm.ts';

export type Values = Record<string, unknown>;

/** The entry of a list whose `name` is this, e.g. envs[name=prod]: found by name, wherever it sits. */
export interface NamedItem {
  name: string;
}

export type ValuesPathSegment = string | number | NamedItem;
export type ValuesPath = readonly ValuesPathSegment[];

/** Set `value` at `path`; `value: undefined` removes the key (the chart's default applies again). */
export interface ValuesEdit {
  path: ValuesPath;
  value: unknown;
}

export interface ValuesEditPlan {
  edits: ValuesEdit[];
  notes: string[];
  warnings: string[];
}

/** The chart as the release names it: Chart.yaml name and version. */
export interface ChartRef {
  name: string;
  version: string;
}

export interface ValuesContext {
  chart: ChartRef;
  /** The release's user-supplied values (`helm get values`). */
  userValues: Values;
  /** The chart's own values.yaml (`helm show values`), when it could be read. */
  chartDefaults?: Values | undefined;
}

/** min/max replicas and CPU target, as hpa/scale.ts ScaleSettings. */
export interface ScaleValuesSettings {
  min?: number | undefined;
  max?: number | undefined;
  cpu?: number | undefined;
}

/** An Apigee component through overrides.yaml: ScaleSettings plus runtime's behavior and wait-time targets. */
export interface ComponentValuesSettings extends ScaleValuesSettings {
  /** Resolved and validated (a preset or a file); written as runtime.hpaBehavior. null asks for no behavior, which Apigee's charts cannot express. */
  behavior?: HPABehavior | null | undefined;
  /** serverMainTaskWaitTime and serverNioTaskWaitTime, a Kubernetes quantity such as 400M. */
  waitTime?: string | undefined;
}

/** An HPA a generic chart renders: autoscaling.*. */
export interface HpaValuesSettings extends ScaleValuesSettings {
  behavior?: HPABehavior | null | undefined;
  /** autoscaling.enabled. */
  enabled?: boolean | undefined;
}

/** The fields of plan/settings.ts WorkloadSettings a values change reads. */
export interface WorkloadValuesSettings {
  replicas?: number | undefined;
  forceReplicas?: boolean | undefined;
  antiAffinity?: 'none' | 'preferred' | 'required' | undefined;
  topologyKey?: string | undefined;
  weight?: number | undefined;
  spread?: string | undefined;
  maxSkew?: number | undefined;
  whenUnsatisfiable?: 'ScheduleAnyway' | 'DoNotSchedule' | undefined;
  container?: string | undefined;
  sidecars?: readonly SidecarResources[] | undefined;
  requests?: ResourceList | undefined;
  limits?: ResourceList | undefined;
}

export function isValuesMap(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isNamedItem = (segment: ValuesPathSegment): segment is NamedItem => typeof segment === 'object';

/** "a.b" → ["a", "b"]; the vendor tables spell paths with dots. */
export const splitPath = (dotted: string): string[] => dotted.split('.');

/** controller.replicaCount, envs[name=prod].components.runtime, list[0], annotations["sidecar.wallarm.io/x"]. */
export function formatValuesPath(path: ValuesPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (isNamedItem(segment)) return `[name=${segment.name}]`;
      if (!/^[A-Za-z_][\w-]*$/.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join('');
}

/** The index of the list entry a segment addresses, or -1. */
export function indexIn(list: readonly unknown[], segment: number | NamedItem): number {
  if (typeof segment === 'number') return segment >= 0 && segment < list.length ? segment : -1;
  return list.findIndex((item) => isValuesMap(item) && String(item.name) === segment.name);
}

/** The value at a path, or undefined when any step is missing. */
export function valueAtPath(values: unknown, path: ValuesPath): unknown {
  let current = values;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment !== 'string') current = current[indexIn(current, segment)];
    else if (isValuesMap(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

export const hasPath = (values: unknown, path: ValuesPath) => valueAtPath(values, path) !== undefined;

/**
 * What the templates see: the user's values over the chart's defaults, as helm coalesces them
 * (maps merge key by key, anything else replaces, a null removes the default).
 */
export function effectiveValues(defaults: Values | undefined, user: Values): Values {
  const result: Values = { ...(defaults ?? {}) };
  for (const [key, value] of Object.entries(user)) {
    if (value === null) delete result[key];
    else if (isValuesMap(value) && isValuesMap(result[key])) result[key] = effectiveValues(result[key], value);
    else result[key] = value;
  }
  return result;
}

/** The chart's major version, or undefined when the version is not semver-like. */
export function chartMajor(version: string): number | undefined {
  const match = /^v?(\d+)\./.exec(version.trim());
  return match ? Number(match[1]) : undefined;
}

export const chartLabel = (chart: ChartRef) => `${chart.name} ${chart.version}`;
