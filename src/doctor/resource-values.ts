// Resource values a fix suggests, valid as a whole with what the container keeps: the API server rejects a
// request above its limit, so a fix never leaves one (a raised request raises the limit it would pass).
import { tryParseQuantity } from '../k8s/quantity.ts';
import type { Container, ResourceList } from '../k8s/types.ts';
import {
  currentSidecarValues,
  guideLimitsOf,
  injectionSchemaOf,
  sidecarFieldSource,
  sidecarNames,
  sidecarOfContainer,
  sidecarResourceFields,
  sidecars,
} from '../profiles/wallarm.ts';
import type { SidecarName, SidecarResourceField } from '../profiles/wallarm.ts';
import { newestRunningPod, type Workload } from '../snapshot/workloads.ts';
import { t, listText } from '../i18n/index.ts';

/** New requests and/or limits for one container of a workload. */
export interface ResourcesChange {
  type: 'resources';
  container: string;
  requests?: ResourceList;
  limits?: ResourceList;
}

/** The change's requests and limits, as a container's resources field holds them. */
export function resourcesValue(change: ResourcesChange): Record<string, Record<string, string>> {
  return { ...(change.requests ? { requests: change.requests } : {}), ...(change.limits ? { limits: change.limits } : {}) };
}

/** Starting values where a container has none: app containers need more than the small injected ones. */
const appStartingRequests: Record<string, string> = { cpu: '100m', memory: '128Mi' };
const sidecarDefaults: Record<SidecarResourceField, string> = { cpu: '50m', memory: '64Mi', 'cpu-limit': '500m', 'memory-limit': '256Mi' };

const bytesOf = (value: string | undefined) => (value === undefined ? undefined : tryParseQuantity(value));
const above = (a: string, b: string) => (bytesOf(a) ?? 0) > (bytesOf(b) ?? 0);
/** A zero (or unreadable) quantity is no value for a fix: the patch command refuses it. */
const positive = (value: string | undefined) => (value !== undefined && (bytesOf(value) ?? 0) > 0 ? value : undefined);

/** A starting request for a container that has none, never above its limit (the API server would reject it). */
export function suggestedRequest(resource: string, containerName: string, limit?: string): string {
  const starting = sidecarOfContainer(containerName)
    ? sidecarDefaults[resource === 'memory' ? 'memory' : 'cpu']
    : (appStartingRequests[resource] ?? appStartingRequests.cpu!);
  const cap = positive(limit);
  return cap !== undefined && above(starting, cap) ? cap : starting;
}

/** The container's resources as the workload declares them (its template), else as its newest pod runs it (injected). */
export function declaredResources(workload: Workload, container: string): NonNullable<Container['resources']> {
  const inSpec = (spec: { containers: Container[]; initContainers?: Container[] } | undefined) =>
    spec ? [...(spec.initContainers ?? []), ...spec.containers].find((c) => c.name === container) : undefined;
  const found = inSpec(workload.object.spec.template.spec) ?? inSpec(newestRunningPod(workload.pods)?.spec);
  return found?.resources ?? {};
}

/** Pod-level requests (PodLevelResources) stand in for the containers': from the template, else the newest pod. */
function podRequests(workload: Workload): ResourceList {
  return workload.object.spec.template.spec.resources?.requests ?? newestRunningPod(workload.pods)?.spec.resources?.requests ?? {};
}

/**
 * The change completed to what RES001 asks of a container, so no second finding and no second rollout follow:
 * cpu and memory requests and a memory limit, each the change's, else the container's, else a starting value
 * (a memory limit starts at the memory request), and the limits a vendor guide asks of it (the guide's example values). A zero in the change is replaced the same way. `added` is for the note.
 */
export function completeResources(workload: Workload, change: ResourcesChange): { change: ResourcesChange; added: string[] } {
  const current = declaredResources(workload, change.container);
  const pod = podRequests(workload);
  const given = (list: ResourceList | undefined) =>
    Object.fromEntries(Object.entries(list ?? {}).flatMap(([name, value]) => (positive(value) ? [[name, value]] : [])));
  const requests: ResourceList = given(change.requests);
  const limits: ResourceList = given(change.limits);
  const zeroed = (list: ResourceList | undefined, name: string) => list?.[name] !== undefined && !positive(list[name]);
  const added: string[] = [];
  for (const name of ['cpu', 'memory']) {
    const kept = current.requests?.[name] !== undefined || pod[name] !== undefined;
    if (requests[name] !== undefined || (kept && !zeroed(change.requests, name))) continue;
    requests[name] = suggestedRequest(name, change.container, limits[name] ?? current.limits?.[name]);
    added.push(t('fixes.added.request', { resource: name, value: requests[name] }));
  }
  if (limits.memory === undefined && (current.limits?.memory === undefined || zeroed(change.limits, 'memory'))) {
    limits.memory = positive(requests.memory) ?? positive(current.requests?.memory) ?? suggestedRequest('memory', change.container);
    added.push(t('fixes.added.memoryLimit', { value: limits.memory }));
  }
  for (const [name, value] of Object.entries(guideLimitsOf(workload.object, change.container)?.limits ?? {})) {
    if (limits[name] !== undefined || current.limits?.[name] !== undefined) continue;
    limits[name] = value;
    added.push(t('fixes.added.guideLimit', { resource: name, value }));
  }
  return {
    change: {
      type: 'resources',
      container: change.container,
      ...(Object.keys(requests).length ? { requests } : {}),
      ...(Object.keys(limits).length ? { limits } : {}),
    },
    added,
  };
}

/** The sentence a fix's note carries when it completed the change. */
export function addedNote(added: readonly string[]): string {
  return added.length ? t('fixes.added.note', { added: listText(added) }) : '';
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
    raised.push(t('fixes.raised.item', { resource: name, limit, request }));
  }
  return { change: Object.keys(limits).length ? { ...change, limits } : change, raised };
}

/** The sentence a fix's note carries when it raised a limit. */
export function raisedNote(raised: readonly string[]): string {
  return raised.length ? t('fixes.raised.note', { raised: listText(raised) }) : '';
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
    const value = positive(change[list]?.[resource]) ?? positive(current[field]);
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

/** A container RES001 flags: a cpu or memory request, or the memory limit, missing (or zero). */
const incomplete = (container: Container) =>
  !positive(container.resources?.requests?.cpu) ||
  !positive(container.resources?.requests?.memory) ||
  !positive(container.resources?.limits?.memory);

/**
 * The injected containers one sidecar fix covers: this one, and the others of the newest running pod that lack
 * values, so one template change (one rollout) completes them all. A split-only one is left out when the next
 * pods get the single schema (it will not be injected).
 */
export function sidecarsToComplete(workload: Workload, sidecar: SidecarName): SidecarName[] {
  const pod = newestRunningPod(workload.pods);
  const live = pod ? [...(pod.spec.initContainers ?? []), ...pod.spec.containers] : [];
  const single = injectionSchemaOf(workload.object.spec.template.metadata?.annotations ?? {}, workload.pods) === 'single';
  return sidecarNames.filter((name) => {
    if (name === sidecar) return true;
    const container = live.find((c) => c.name === sidecars[name].container);
    return container !== undefined && incomplete(container) && !(single && sidecars[name].splitOnly);
  });
}
