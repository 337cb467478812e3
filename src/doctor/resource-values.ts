// Resource values a fix suggests, valid as a whole with what the container keeps: the API server rejects a
// request above its limit, so a fix never leaves one (a raised request raises the limit it would pass).
import { tryParseQuantity } from '../k8s/quantity.ts';
import type { Container, ResourceList } from '../k8s/types.ts';
import { currentSidecarValues, sidecarFieldSource, sidecarOfContainer, sidecarResourceFields } from '../profiles/wallarm.ts';
import type { SidecarName, SidecarResourceField } from '../profiles/wallarm.ts';
import { newestRunningPod, type Workload } from '../snapshot/workloads.ts';

/** New requests and/or limits for one container of a workload. */
export interface ResourcesChange {
  type: 'resources';
  container: string;
  requests?: ResourceList;
  limits?: ResourceList;
}

/** Starting values where a container has none: app containers need more than the small injected ones. */
const appStartingRequests: Record<string, string> = { cpu: '100m', memory: '128Mi' };
const sidecarDefaults: Record<SidecarResourceField, string> = { cpu: '50m', memory: '64Mi', 'cpu-limit': '500m', 'memory-limit': '256Mi' };

const bytesOf = (value: string | undefined) => (value === undefined ? undefined : tryParseQuantity(value));
const above = (a: string, b: string) => (bytesOf(a) ?? 0) > (bytesOf(b) ?? 0);

/** A starting request for a container that has none, never above its limit (the API server would reject it). */
export function suggestedRequest(resource: string, containerName: string, limit?: string): string {
  const starting = sidecarOfContainer(containerName)
    ? sidecarDefaults[resource === 'memory' ? 'memory' : 'cpu']
    : (appStartingRequests[resource] ?? appStartingRequests.cpu!);
  return limit !== undefined && above(starting, limit) ? limit : starting;
}

/** The container's resources as the workload declares them (its template), else as its newest pod runs it (injected). */
export function declaredResources(workload: Workload, container: string): NonNullable<Container['resources']> {
  const inSpec = (spec: { containers: Container[]; initContainers?: Container[] } | undefined) =>
    spec ? [...(spec.initContainers ?? []), ...spec.containers].find((c) => c.name === container) : undefined;
  const found = inSpec(workload.object.spec.template.spec) ?? inSpec(newestRunningPod(workload.pods)?.spec);
  return found?.resources ?? {};
}

/**
 * The change made valid together with what the container keeps: a request above the limit it would have (the
 * changed one, else the current one) raises that limit to the request, and so does a changed limit below the
 * request kept. Requests are never lowered: they are what the check asks for. `raised` says what moved, for the note.
 */
export function withinLimits(
  change: ResourcesChange,
  current: { requests?: ResourceList; limits?: ResourceList },
): { change: ResourcesChange; raised: string[] } {
  const limits: ResourceList = { ...change.limits };
  const raised: string[] = [];
  const names = new Set([...Object.keys(change.requests ?? {}), ...Object.keys(change.limits ?? {})]);
  for (const name of names) {
    const request = change.requests?.[name] ?? current.requests?.[name];
    const limit = limits[name] ?? current.limits?.[name];
    if (request === undefined || limit === undefined || !above(request, limit)) continue;
    limits[name] = request;
    raised.push(`${name} limit ${limit} → ${request}`);
  }
  return { change: Object.keys(limits).length ? { ...change, limits } : change, raised };
}

/** The sentence a fix's note carries when it raised a limit. */
export function raisedNote(raised: readonly string[]): string {
  return raised.length ? `The ${raised.join(' and ')} rises with the request: the API server rejects a request above its limit.` : '';
}

/**
 * One sidecar annotation replaces the chart's resources for that container entirely, and the patch
 * writes all four: keep the current values (template annotations, else the newest live container),
 * apply the change, and fill the rest with starting values — never a limit below its request.
 */
export function allFourSidecarValues(
  workload: Workload,
  sidecar: SidecarName,
  change: ResourcesChange,
): { change: ResourcesChange; invented: string[]; raised: string[] } {
  const { values: current } = currentSidecarValues(workload.object.spec.template.metadata?.annotations ?? {}, workload.pods, sidecar);
  const values: Partial<Record<SidecarResourceField, string>> = {};
  const invented: string[] = [];
  for (const field of sidecarResourceFields) {
    const { list, resource } = sidecarFieldSource[field];
    const value = change[list]?.[resource] ?? current[field];
    if (value !== undefined) values[field] = value;
  }
  for (const field of sidecarResourceFields) {
    if (values[field] !== undefined) continue;
    const { list, resource } = sidecarFieldSource[field];
    const fallback = sidecarDefaults[field];
    // A starting limit is never below the request, a starting request never above the limit.
    const request = list === 'limits' ? values[resource as SidecarResourceField] : undefined;
    const limit = list === 'requests' ? values[`${resource}-limit` as SidecarResourceField] : undefined;
    values[field] =
      request !== undefined && above(request, fallback) ? request : limit !== undefined && above(fallback, limit) ? limit : fallback;
    invented.push(`${field}=${values[field]}`);
  }
  const whole = withinLimits(
    {
      ...change,
      requests: { cpu: values.cpu!, memory: values.memory! },
      limits: { cpu: values['cpu-limit']!, memory: values['memory-limit']! },
    },
    {},
  );
  return { change: whole.change, invented, raised: whole.raised };
}
