// Everything checks share, computed once per run from the Snapshot.
import type { HorizontalPodAutoscaler, LabelSelector, Node, Pod } from '../k8s/types.ts';
import { LabelIndex } from '../k8s/selector.ts';
import type { Snapshot } from '../snapshot/types.ts';
import { clusterZoneCount, workloadsOf, type Workload } from '../snapshot/workloads.ts';
import type { CheckInfo, Finding } from './finding.ts';

export interface DoctorContext {
  snapshot: Snapshot;
  workloads: readonly Workload[];
  nodesByName: Map<string, Node>;
  clusterZones: number;
  /** Workload an HPA targets, if it exists in the snapshot. */
  targetOf(hpa: HorizontalPodAutoscaler): Workload | undefined;
  workloadOfPod(pod: Pod): Workload | undefined;
  /** Pods of a namespace that a selector matches, found through a label index (no full scan). */
  podsMatching(namespace: string, selector: LabelSelector): Pod[];
  /** Running or waiting pods that no controller owns and no workload adopts: nothing re-creates them. */
  barePods: readonly Pod[];
}

export function doctorContext(snapshot: Snapshot): DoctorContext {
  const workloads = workloadsOf(snapshot);
  const byRef = new Map(workloads.map((w) => [`${w.namespace}/${w.kind}/${w.name}`, w]));
  const byPod = new Map<Pod, Workload>();
  for (const workload of workloads) for (const pod of workload.pods) byPod.set(pod, workload);
  const podsByLabel = new LabelIndex(
    snapshot.pods,
    (p) => p.metadata.namespace ?? '',
    (p) => p.metadata.labels,
  );
  return {
    snapshot,
    workloads,
    nodesByName: new Map(snapshot.nodes.map((node) => [node.metadata.name, node])),
    clusterZones: clusterZoneCount(snapshot.nodes),
    targetOf: (hpa) => byRef.get(`${hpa.metadata.namespace}/${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}`),
    workloadOfPod: (pod) => byPod.get(pod),
    podsMatching: (namespace, selector) => podsByLabel.matching(namespace, selector),
    barePods: snapshot.pods.filter((pod) => isBare(pod) && !byPod.has(pod)),
  };
}

/** Finished pods (Succeeded, Failed) and terminating ones need no owner. */
function isBare(pod: Pod): boolean {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  return !finished && !pod.metadata.deletionTimestamp && !pod.metadata.ownerReferences?.some((ref) => ref.controller);
}

/**
 * Live state a check judges: lists a snapshot may lack (Snapshot.missing) — nodes, the metrics APIServices, the live
 * pods (placement, readiness) — and the status controllers write. Without it the check has nothing to say.
 */
export type LiveData = 'nodes' | 'apiservices' | 'pods' | 'status';

export interface Check extends CheckInfo {
  /** Skipped when the snapshot lacks any of these (doctor -f reads files: none of them exists yet). */
  needs?: readonly LiveData[];
  run(context: DoctorContext): Finding[];
}

/** Builds a finding about an object with less repetition at call sites. */
export function finding(
  info: Pick<CheckInfo, 'id'>,
  object: { kind: string; namespace: string; name: string },
  rest: Omit<Finding, 'id' | 'kind' | 'namespace' | 'name'>,
): Finding {
  return { id: info.id, kind: object.kind, namespace: object.namespace, name: object.name, ...rest };
}

export const hpaRef = (hpa: HorizontalPodAutoscaler) => ({
  kind: 'HorizontalPodAutoscaler',
  namespace: hpa.metadata.namespace ?? 'default',
  name: hpa.metadata.name,
});
export const workloadRef = (w: Workload) => ({ kind: w.kind, namespace: w.namespace, name: w.name });
