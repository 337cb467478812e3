// Pure views over a Snapshot: which pods, HPAs and PDBs belong to which workload.
import { controllerOfKind } from '../k8s/owners.ts';
import { apigeeControllerOf } from '../profiles/apigee.ts';
import type { HorizontalPodAutoscaler, LabelSelector, Node, Pod, PodDisruptionBudget, WorkloadObject } from '../k8s/types.ts';
import { LabelIndex, matchesSelector, parseLabelSelector } from '../k8s/selector.ts';
import type { Snapshot, WorkloadKind } from './types.ts';
import { byCodePoint } from '../k8s/order.ts';

export interface Workload {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  object: WorkloadObject;
  /** Live pods, as created (injected sidecars included). */
  pods: Pod[];
  hpas: HorizontalPodAutoscaler[];
  pdbs: PodDisruptionBudget[];
}

export const zoneLabel = 'topology.kubernetes.io/zone';
export const hostnameLabel = 'kubernetes.io/hostname';

const key = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/** Ready and not terminating (a pod keeps Ready=True through its graceful shutdown). */
export function isPodReady(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false);
}

export interface PendingPod {
  pod: string;
  /** The PodScheduled=False condition's reason (Unschedulable, SchedulingGated) and the scheduler's message. */
  reason: string;
  message: string;
}

/** Pods the scheduler has not placed, with its reason: what the live placement lacks. */
export function pendingPods(pods: readonly Pod[]): PendingPod[] {
  return pods.flatMap((pod) => {
    if (pod.metadata.deletionTimestamp || pod.spec.nodeName) return [];
    const condition = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    return condition ? [{ pod: pod.metadata.name, reason: condition.reason ?? 'Unknown', message: condition.message ?? '' }] : [];
  });
}

/** The pod that shows the workload as it runs now: the newest Running one not being deleted. */
export function newestRunningPod(pods: readonly Pod[]): Pod | undefined {
  const live = pods.filter((p) => !p.metadata.deletionTimestamp && (p.status?.phase ?? 'Running') === 'Running');
  return live.sort((a, b) => byCodePoint(b.metadata.creationTimestamp ?? '', a.metadata.creationTimestamp ?? ''))[0];
}

export function nodeZone(node: Node | undefined): string | undefined {
  const labels = node?.metadata.labels ?? {};
  return labels[zoneLabel] ?? labels['failure-domain.beta.kubernetes.io/zone'];
}

const workloadsBySnapshot = new WeakMap<Snapshot, readonly Workload[]>();

/**
 * Workloads in scope: Deployments, StatefulSets, and ReplicaSets no Deployment controls (Apigee runs those).
 * Worked out once per snapshot (a snapshot never changes): the doctor, the rows and the TUI's screens share it.
 */
export function workloadsOf(snapshot: Snapshot): readonly Workload[] {
  let workloads = workloadsBySnapshot.get(snapshot);
  if (!workloads) {
    workloads = groupWorkloads(snapshot);
    workloadsBySnapshot.set(snapshot, workloads);
  }
  return workloads;
}

function groupWorkloads(snapshot: Snapshot): Workload[] {
  const workloads: Workload[] = [];
  const byUid = new Map<string, Workload>();
  const add = (kind: WorkloadKind, object: WorkloadObject) => {
    const workload: Workload = {
      kind,
      namespace: object.metadata.namespace ?? 'default',
      name: object.metadata.name,
      object,
      pods: [],
      hpas: [],
      pdbs: [],
    };
    workloads.push(workload);
    if (object.metadata.uid) byUid.set(object.metadata.uid, workload);
  };
  for (const o of snapshot.deployments) add('Deployment', o);
  for (const o of snapshot.statefulSets) add('StatefulSet', o);
  // ReplicaSets count as workloads when an HPA scales them directly or Apigee's operator runs them
  // (not Argo Rollouts' or old revisions, whose owner is the workload).
  const hpaTargets = new Set(
    snapshot.hpas
      .filter((h) => h.spec.scaleTargetRef.kind === 'ReplicaSet')
      .map((h) => key(h.metadata.namespace, h.spec.scaleTargetRef.name)),
  );
  const replicaSetOwner = new Map<string, string>();
  for (const rs of snapshot.replicaSets) {
    const deployment = controllerOfKind(rs, 'Deployment');
    if (deployment && rs.metadata.uid) replicaSetOwner.set(rs.metadata.uid, deployment.uid);
    else if (
      !deployment &&
      (hpaTargets.has(key(rs.metadata.namespace, rs.metadata.name)) || apigeeControllerOf(rs)) &&
      matchesLabelFilter(snapshot, rs)
    )
      add('ReplicaSet', rs);
  }

  const byName = new Map(workloads.map((w) => [key(w.namespace, `${w.kind}/${w.name}`), w]));
  for (const pod of snapshot.pods) {
    const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller);
    let workload: Workload | undefined;
    if (owner) {
      workload = byUid.get(owner.uid) ?? byUid.get(replicaSetOwner.get(owner.uid) ?? '');
    } else {
      workload = workloads.find(
        (w) => w.namespace === pod.metadata.namespace && matchesSelector(w.object.spec.selector, pod.metadata.labels),
      );
    }
    workload?.pods.push(pod);
  }
  for (const hpa of snapshot.hpas) {
    const target = hpa.spec.scaleTargetRef;
    byName.get(key(hpa.metadata.namespace, `${target.kind}/${target.name}`))?.hpas.push(hpa);
  }
  const byTemplateLabels = new LabelIndex(
    workloads,
    (w) => w.namespace,
    (w) => w.object.spec.template.metadata?.labels,
  );
  for (const pdb of snapshot.pdbs) {
    for (const w of byTemplateLabels.matching(pdb.metadata.namespace ?? '', pdb.spec.selector)) w.pdbs.push(pdb);
  }
  return workloads;
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** ReplicaSets are listed without the -l filter (they link pods); apply it to the standalone ones here. */
function matchesLabelFilter(snapshot: Snapshot, rs: WorkloadObject): boolean {
  return !snapshot.labelSelector || matchesSelector(parseLabelSelector(snapshot.labelSelector), rs.metadata.labels);
}

export interface Spread {
  readyPods: number;
  nodes: number;
  zones: number;
  /** Zones in the cluster (known from node labels). */
  clusterZones: number;
}

export function spreadOf(workload: Workload, nodesByName: Map<string, Node>, clusterZones: number): Spread {
  const nodes = new Set<string>();
  const zones = new Set<string>();
  let readyPods = 0;
  for (const pod of workload.pods) {
    if (!isPodReady(pod) || !pod.spec.nodeName) continue;
    readyPods++;
    nodes.add(pod.spec.nodeName);
    const zone = nodeZone(nodesByName.get(pod.spec.nodeName));
    if (zone) zones.add(zone);
  }
  return { readyPods, nodes: nodes.size, zones: zones.size, clusterZones };
}

export function clusterZoneCount(nodes: readonly Node[]): number {
  return new Set(nodes.map(nodeZone).filter(Boolean)).size;
}

export type AntiAffinityMode = 'none' | 'preferred' | 'required';

export interface Placement {
  antiAffinity: AntiAffinityMode;
  antiAffinityKeys: string[];
  spreadKeys: string[];
}

/** Only terms about the workload's own pods spread it; "stay away from app=db" does not. */
export function placementOf(object: WorkloadObject): Placement {
  const spec = object.spec.template.spec;
  const own = (selector: LabelSelector | undefined) => matchesSelector(selector, object.spec.template.metadata?.labels);
  const anti = spec.affinity?.podAntiAffinity;
  const required = (anti?.requiredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) => own(t.labelSelector));
  const preferred = (anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) => own(t.podAffinityTerm.labelSelector));
  const antiAffinity: AntiAffinityMode = required.length ? 'required' : preferred.length ? 'preferred' : 'none';
  const antiAffinityKeys = [...new Set([...required.map((t) => t.topologyKey), ...preferred.map((t) => t.podAffinityTerm.topologyKey)])];
  const spreadKeys = [...new Set((spec.topologySpreadConstraints ?? []).filter((c) => own(c.labelSelector)).map((c) => c.topologyKey))];
  return { antiAffinity, antiAffinityKeys, spreadKeys };
}
