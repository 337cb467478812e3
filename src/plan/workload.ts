// Plans for Deployments and StatefulSets: replicas, pod anti-affinity, container resources.
import { usageError } from '../k8s/errors.ts';
import { sidecarOfContainer } from '../profiles/wallarm.ts';
import type { Container, HorizontalPodAutoscaler, Pod, PodAffinityTerm, TopologySpreadConstraint, WorkloadObject } from '../k8s/types.ts';
import { isEmptySelector, matchesSelector } from '../k8s/selector.ts';
import { hostnameLabel, placementOf } from '../snapshot/workloads.ts';
import { makeChange } from './change.ts';
import { helmWarning } from './owner.ts';
import { clone } from './patch.ts';
import { setSidecarResources } from './sidecar.ts';
import { checkRequestsWithinLimits, type WorkloadSettings } from './settings.ts';
import { deploymentResource, refOf, statefulSetResource, workloadName, type PatchChange } from './types.ts';

/** The term that keeps a workload's pods apart: its own selector, on the given topology key. */
export function antiAffinityTerm(workload: WorkloadObject, topologyKey: string): PodAffinityTerm {
  const selector = workload.spec.selector;
  if (isEmptySelector(selector))
    throw usageError(`${workloadName(workload)} has an empty selector, so no anti-affinity term can be derived from its pod labels.`);
  return { labelSelector: clone(selector), topologyKey };
}

function setReplicas(
  after: WorkloadObject,
  workload: WorkloadObject,
  settings: WorkloadSettings,
  hpas: readonly HorizontalPodAutoscaler[],
  warnings: string[],
): void {
  if (settings.replicas === undefined) return;
  const hpa = hpas[0];
  if (hpa && !settings.forceReplicas) {
    throw usageError(
      `${workloadName(workload)} is scaled by HPA ${hpa.metadata.name} (min ${hpa.spec.minReplicas ?? 1}, max ${hpa.spec.maxReplicas}), which overrides spec.replicas.`,
      `Change the HPA instead (kubectl scale-ha patch hpa ${hpa.metadata.name} -n ${workload.metadata.namespace ?? 'default'} --min N --max N), or pass --force-replicas to write spec.replicas anyway.`,
    );
  }
  if (hpa)
    warnings.push(
      `HPA ${hpa.metadata.name} will move the replica count back into ${hpa.spec.minReplicas ?? 1}..${hpa.spec.maxReplicas} at its next sync.`,
    );
  if (settings.replicas === 0) warnings.push('--replicas 0 stops every pod of the workload.');
  else if (settings.replicas === 1) warnings.push('A single replica is not highly available: any node drain or pod restart is an outage.');
  after.spec.replicas = settings.replicas;
}

const describeTerm = (kind: 'required' | 'preferred', topologyKey: string, weight?: number) =>
  `${kind}${weight !== undefined ? ` (weight ${weight})` : ''} on ${topologyKey}`;

/**
 * Replaces the workload's own terms on one topology key and keeps its own terms on other keys.
 * A topology key alone moves its terms to that key; `none` without a key removes all of them.
 */
function setAntiAffinity(after: WorkloadObject, workload: WorkloadObject, settings: WorkloadSettings, notes: string[]): void {
  if (settings.antiAffinity === undefined && settings.topologyKey === undefined) return;
  const placement = placementOf(workload);
  const mode = settings.antiAffinity ?? placement.antiAffinity;
  if (mode === 'none' && settings.antiAffinity === undefined)
    throw usageError(
      `${workloadName(workload)} has no pod anti-affinity to move to another topology key.`,
      'Add --anti-affinity preferred or --anti-affinity required.',
    );
  const podLabels = workload.spec.template.metadata?.labels;
  const spec = after.spec.template.spec;
  const anti = spec.affinity?.podAntiAffinity ?? {};
  const ownRequired = (anti.requiredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) =>
    matchesSelector(t.labelSelector, podLabels),
  );
  const ownPreferred = (anti.preferredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) =>
    matchesSelector(t.podAffinityTerm.labelSelector, podLabels),
  );
  const foreign =
    (anti.requiredDuringSchedulingIgnoredDuringExecution ?? []).length -
    ownRequired.length +
    (anti.preferredDuringSchedulingIgnoredDuringExecution ?? []).length -
    ownPreferred.length;
  if (foreign > 0) notes.push(`${foreign} anti-affinity term(s) about other pods are kept as they are.`);
  const currentKey = ownRequired[0]?.topologyKey ?? ownPreferred[0]?.podAffinityTerm.topologyKey;
  const topologyKey = settings.topologyKey ?? currentKey ?? hostnameLabel;
  const moving = settings.antiAffinity === undefined;
  const removeAllOwn = moving || (mode === 'none' && settings.topologyKey === undefined);
  const replaced = (key: string) => removeAllOwn || key === topologyKey;
  const droppedRequired = ownRequired.filter((t) => replaced(t.topologyKey));
  const droppedPreferred = ownPreferred.filter((t) => replaced(t.podAffinityTerm.topologyKey));
  const required = (anti.requiredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) => !droppedRequired.includes(t));
  const preferred = (anti.preferredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) => !droppedPreferred.includes(t));
  // Terms not simply replaced by the new one on the same key would otherwise vanish unremarked.
  const listed = (key: string) => mode === 'none' || key !== topologyKey;
  const removed = [
    ...droppedRequired.filter((t) => listed(t.topologyKey)).map((t) => describeTerm('required', t.topologyKey)),
    ...droppedPreferred
      .filter((t) => listed(t.podAffinityTerm.topologyKey))
      .map((t) => describeTerm('preferred', t.podAffinityTerm.topologyKey, t.weight)),
  ];
  if (removed.length) notes.push(`Removes its own anti-affinity term(s) ${removed.join('; ')}.`);
  const term = antiAffinityTerm(workload, topologyKey);
  if (mode === 'required') required.push(term);
  if (mode === 'preferred') preferred.push({ weight: settings.weight ?? droppedPreferred[0]?.weight ?? 100, podAffinityTerm: term });
  const next = {
    ...(required.length ? { requiredDuringSchedulingIgnoredDuringExecution: required } : {}),
    ...(preferred.length ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
  };
  const affinity = { ...(spec.affinity ?? {}) };
  if (Object.keys(next).length) affinity.podAntiAffinity = next;
  else delete affinity.podAntiAffinity;
  if (Object.keys(affinity).length) spec.affinity = affinity;
  else delete spec.affinity;
  if (mode === 'required')
    notes.push(
      `required anti-affinity on ${topologyKey}: replicas beyond the number of ${topologyKey === hostnameLabel ? 'nodes' : 'zones'} stay Pending.`,
    );
}

/** One constraint per topology key (the strategic merge key); `none` drops the ones selecting its own pods. */
function setSpread(after: WorkloadObject, workload: WorkloadObject, settings: WorkloadSettings, notes: string[]): void {
  if (settings.spread === undefined) return;
  const podLabels = workload.spec.template.metadata?.labels;
  const spec = after.spec.template.spec;
  const existing = spec.topologySpreadConstraints ?? [];
  let next: TopologySpreadConstraint[];
  if (settings.spread === 'none') {
    next = existing.filter((c) => !matchesSelector(c.labelSelector, podLabels));
  } else {
    const constraint: TopologySpreadConstraint = {
      maxSkew: settings.maxSkew ?? 1,
      topologyKey: settings.spread,
      whenUnsatisfiable: settings.whenUnsatisfiable ?? 'ScheduleAnyway',
      labelSelector: antiAffinityTerm(workload, settings.spread).labelSelector!,
    };
    const index = existing.findIndex((c) => c.topologyKey === settings.spread);
    if (index >= 0 && !matchesSelector(existing[index]!.labelSelector, podLabels))
      notes.push(`The spread constraint on ${settings.spread} selected other pods; it now selects this workload's pods.`);
    next = index >= 0 ? existing.map((c, i) => (i === index ? constraint : c)) : [...existing, constraint];
  }
  if (next.length) spec.topologySpreadConstraints = next;
  else delete spec.topologySpreadConstraints;
}

/** -c NAME, or the only container; init containers count. */
export function findContainer(workload: WorkloadObject, name: string | undefined): { container: Container; init: boolean } {
  const spec = workload.spec.template.spec;
  const all = [
    ...spec.containers.map((c) => ({ container: c, init: false })),
    ...(spec.initContainers ?? []).map((c) => ({ container: c, init: true })),
  ];
  if (name === undefined) {
    if (spec.containers.length === 1 && all.length === 1) return all[0]!;
    throw usageError(
      `${workloadName(workload)} has several containers: ${all.map((c) => c.container.name).join(', ')}.`,
      'Pick one with -c CONTAINER.',
    );
  }
  const found = all.find((c) => c.container.name === name);
  if (found) return found;
  const sidecar = sidecarOfContainer(name);
  if (sidecar)
    throw usageError(
      `${name} is injected by the Wallarm webhook at pod creation and is not in the template.`,
      `Use --sidecar ${sidecar} --requests … instead: it writes the pod-template annotations the webhook reads.`,
    );
  throw usageError(`${workloadName(workload)} has no container ${name}.`, `Containers: ${all.map((c) => c.container.name).join(', ')}.`);
}

function setResources(
  after: WorkloadObject,
  workload: WorkloadObject,
  settings: WorkloadSettings,
  hpas: readonly HorizontalPodAutoscaler[],
  warnings: string[],
): void {
  if (settings.sidecar || (settings.requests === undefined && settings.limits === undefined)) return;
  const { container, init } = findContainer(workload, settings.container);
  const list = init ? after.spec.template.spec.initContainers! : after.spec.template.spec.containers;
  const target = list.find((c) => c.name === container.name)!;
  const resources = { ...(target.resources ?? {}) };
  if (settings.requests) resources.requests = { ...(resources.requests ?? {}), ...settings.requests };
  if (settings.limits) resources.limits = { ...(resources.limits ?? {}), ...settings.limits };
  checkRequestsWithinLimits(resources.requests, resources.limits, `container ${container.name}`);
  target.resources = resources;
  if (settings.requests?.cpu && hpas.length)
    warnings.push(
      `A new CPU request changes the utilization HPA ${hpas[0]!.metadata.name} computes (usage ÷ requests), so it may scale differently.`,
    );
}

export interface WorkloadContext {
  /** HPAs whose scaleTargetRef is this workload. */
  hpas: readonly HorizontalPodAutoscaler[];
  /** Live pods of the workload (injected sidecars visible only here). */
  pods: readonly Pod[];
}

export function planWorkload(workload: WorkloadObject, settings: WorkloadSettings, context: WorkloadContext): PatchChange {
  const { hpas } = context;
  const after = clone(workload);
  const warnings: string[] = [];
  const notes: string[] = [];
  setReplicas(after, workload, settings, hpas, warnings);
  setAntiAffinity(after, workload, settings, notes);
  setSpread(after, workload, settings, notes);
  setResources(after, workload, settings, hpas, warnings);
  if (settings.sidecar)
    setSidecarResources(
      after,
      workload,
      { sidecar: settings.sidecar, requests: settings.requests, limits: settings.limits },
      context.pods,
      notes,
      warnings,
    );
  const helm = helmWarning(workload);
  if (helm) warnings.push(helm);
  const resource = workload.kind === 'StatefulSet' ? statefulSetResource : deploymentResource;
  return makeChange(refOf(workload, resource), 'strategic', workload, after, { warnings, notes });
}
