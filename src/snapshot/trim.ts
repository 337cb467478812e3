// Keeps only the fields the tool reads, so large clusters fit in little memory.
// Env values are dropped except a few known non-secret ones (they may hold secrets).
import { controllerOfKind } from '../k8s/owners.ts';
import type { Container, KubeObject, ObjectMeta, Pod, PodSpec, PodTemplate, VerticalPodAutoscaler, WorkloadObject } from '../k8s/types.ts';

const keptEnv = new Set(['SLAB_ALLOC_ARENA']);

export function trimMeta(meta: ObjectMeta): ObjectMeta {
  const { name, namespace, uid, resourceVersion, generation, labels, annotations, ownerReferences, creationTimestamp } = meta;
  const kept: ObjectMeta = { name };
  if (namespace !== undefined) kept.namespace = namespace;
  if (uid !== undefined) kept.uid = uid;
  if (resourceVersion !== undefined) kept.resourceVersion = resourceVersion;
  if (generation !== undefined) kept.generation = generation;
  if (labels) kept.labels = labels;
  if (annotations) kept.annotations = dropLastApplied(annotations);
  if (ownerReferences)
    kept.ownerReferences = ownerReferences.map(({ apiVersion, kind, name: n, uid: u, controller }) => ({
      apiVersion,
      kind,
      name: n,
      uid: u,
      ...(controller ? { controller } : {}),
    }));
  if (creationTimestamp !== undefined) kept.creationTimestamp = creationTimestamp;
  return kept;
}

function dropLastApplied(annotations: Record<string, string>): Record<string, string> {
  if (!('kubectl.kubernetes.io/last-applied-configuration' in annotations)) return annotations;
  const { 'kubectl.kubernetes.io/last-applied-configuration': _, ...rest } = annotations;
  return rest;
}

function trimContainer(container: Container): Container {
  const kept: Container = { name: container.name };
  if (container.image) kept.image = container.image;
  if (container.restartPolicy) kept.restartPolicy = container.restartPolicy;
  if (container.resources) kept.resources = container.resources;
  const env = container.env?.filter((entry) => keptEnv.has(entry.name) && entry.value !== undefined);
  if (env?.length) kept.env = env.map(({ name, value }) => ({ name, ...(value !== undefined ? { value } : {}) }));
  return kept;
}

export function trimPodSpec(spec: PodSpec): PodSpec {
  const kept: PodSpec = { containers: (spec.containers ?? []).map(trimContainer) };
  if (spec.initContainers?.length) kept.initContainers = spec.initContainers.map(trimContainer);
  if (spec.resources) kept.resources = spec.resources;
  if (spec.affinity) kept.affinity = spec.affinity;
  if (spec.topologySpreadConstraints) kept.topologySpreadConstraints = spec.topologySpreadConstraints;
  if (spec.nodeSelector) kept.nodeSelector = spec.nodeSelector;
  if (spec.tolerations) kept.tolerations = spec.tolerations;
  if (spec.nodeName) kept.nodeName = spec.nodeName;
  return kept;
}

function trimTemplate(template: PodTemplate): PodTemplate {
  const metadata: PodTemplate['metadata'] = {};
  if (template.metadata?.labels) metadata.labels = template.metadata.labels;
  if (template.metadata?.annotations) metadata.annotations = template.metadata.annotations;
  return { metadata, spec: trimPodSpec(template.spec ?? { containers: [] }) };
}

export function trimWorkload(object: WorkloadObject, kind: string): WorkloadObject {
  const { replicas, selector, template, strategy, updateStrategy } = object.spec;
  const spec: WorkloadObject['spec'] = { selector, template: trimTemplate(template) };
  if (replicas !== undefined) spec.replicas = replicas;
  if (strategy) spec.strategy = strategy;
  if (updateStrategy) spec.updateStrategy = updateStrategy;
  const trimmed: WorkloadObject = { apiVersion: 'apps/v1', kind, metadata: trimMeta(object.metadata), spec };
  if (object.status) trimmed.status = object.status;
  const managers = object.replicasFieldManagers ?? replicasFieldManagers(object);
  if (managers.length) trimmed.replicasFieldManagers = managers;
  return trimmed;
}

/** Who set spec.replicas, from managedFields (e.g. "helm" when a chart template sets it). */
function replicasFieldManagers(object: WorkloadObject): string[] {
  const managers = new Set<string>();
  for (const entry of object.metadata.managedFields ?? []) {
    const spec = entry.fieldsV1?.['f:spec'] as Record<string, unknown> | undefined;
    if (spec && 'f:replicas' in spec && entry.manager) managers.add(entry.manager);
  }
  return [...managers];
}

/** ReplicaSets that a Deployment controls only serve to link pods to it: no template kept. */
export function trimReplicaSet(object: WorkloadObject): WorkloadObject {
  const ownedByDeployment = Boolean(controllerOfKind(object, 'Deployment'));
  if (!ownedByDeployment) return trimWorkload(object, 'ReplicaSet');
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: trimMeta(object.metadata),
    spec: { replicas: object.spec.replicas ?? 0, selector: object.spec.selector, template: { spec: { containers: [] } } },
  };
}

/**
 * Shares equal parts between pods: the pods of one ReplicaSet have the same spec (but for nodeName),
 * labels and owner, so 30,000 pods hold about as many distinct objects as their ReplicaSets.
 */
export class PodTrimmer {
  private readonly shared = new Map<string, unknown>();

  private intern<T>(value: T): T {
    const key = JSON.stringify(value);
    const existing = this.shared.get(key);
    if (existing !== undefined) return existing as T;
    this.shared.set(key, value);
    return value;
  }

  readonly trim = (pod: Pod): Pod => {
    const { name, namespace, labels, annotations, ownerReferences, creationTimestamp, deletionTimestamp } = pod.metadata;
    const metadata: Pod['metadata'] = { name };
    if (namespace !== undefined) metadata.namespace = namespace;
    if (creationTimestamp !== undefined) metadata.creationTimestamp = creationTimestamp;
    if (deletionTimestamp !== undefined) metadata.deletionTimestamp = deletionTimestamp;
    if (labels) metadata.labels = this.intern(labels);
    if (annotations) metadata.annotations = this.intern(dropLastApplied(annotations));
    if (ownerReferences) metadata.ownerReferences = this.intern(trimMeta({ name, ownerReferences }).ownerReferences);
    const { nodeName, ...spec } = trimPodSpec(pod.spec);
    const trimmed: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata,
      spec: nodeName ? { ...this.intern(spec), nodeName } : this.intern(spec),
    };
    if (pod.status) {
      const status: NonNullable<Pod['status']> = {};
      if (pod.status.phase) status.phase = pod.status.phase;
      if (pod.status.conditions)
        status.conditions = pod.status.conditions.map(({ type, status: s, reason, message }) => ({
          type,
          status: s,
          ...(reason ? { reason } : {}),
          ...(message && type === 'PodScheduled' && s === 'False' ? { message } : {}),
        }));
      trimmed.status = this.intern(status);
    }
    return trimmed;
  };
}

/** A VPA's spec is all the checks read; its status (recommendations per container) is dropped. */
export function trimVpa(object: VerticalPodAutoscaler, apiVersion: string): VerticalPodAutoscaler {
  const { targetRef, updatePolicy, resourcePolicy } = object.spec ?? {};
  return {
    apiVersion,
    kind: 'VerticalPodAutoscaler',
    metadata: trimMeta(object.metadata),
    spec: { ...(targetRef ? { targetRef } : {}), ...(updatePolicy ? { updatePolicy } : {}), ...(resourcePolicy ? { resourcePolicy } : {}) },
  };
}

/** Generic trim for kinds small enough to keep whole (HPAs, PDBs, nodes, CRs): drops managedFields. */
export function trimObject<T extends KubeObject>(object: T, apiVersion: string, kind: string): T {
  return { ...object, apiVersion, kind, metadata: trimMeta(object.metadata) };
}
