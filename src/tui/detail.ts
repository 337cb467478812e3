// The Detail screen's data for one workload, read from the snapshot and the doctor's findings. Pure.
import type { Finding } from '../doctor/finding.ts';
import type { Condition } from '../k8s/types.ts';
import { helmReleaseOf } from '../profiles/generic.ts';
import { ownerOf } from '../profiles/ownership.ts';
import type { Snapshot } from '../snapshot/types.ts';
import { isPodReady, nodeZone, workloadsOf } from '../snapshot/workloads.ts';
import { findingsByWorkload, workloadKey, type WorkloadRow } from './rows.ts';
import { byCodePoint } from '../k8s/order.ts';

export interface NodePods {
  node: string;
  zone: string;
  ready: number;
  total: number;
}

export interface WorkloadDetail {
  row: WorkloadRow;
  hpa: { name: string; desiredReplicas: number | null; conditions: Condition[] } | null;
  podsByNode: NodePods[];
  /** Ready pods per zone ("-" when the node has no zone label). */
  readyByZone: { zone: string; ready: number }[];
  /** Pods not yet scheduled on a node. */
  unscheduled: number;
  findings: Finding[];
  helmRelease: string | null;
  /** The Apigee custom resource (or other controller) that rewrites the workload or its HPA. */
  controller: string | null;
}

export function workloadDetail(snapshot: Snapshot, findings: readonly Finding[], row: WorkloadRow): WorkloadDetail | null {
  const workload = workloadsOf(snapshot).find((w) => workloadKey(w.namespace, w.kind, w.name) === row.key);
  if (!workload) return null;
  const nodes = new Map(snapshot.nodes.map((n) => [n.metadata.name, n]));
  const perNode = new Map<string, NodePods>();
  let unscheduled = 0;
  for (const pod of workload.pods) {
    const node = pod.spec.nodeName;
    if (!node) {
      unscheduled++;
      continue;
    }
    const entry = perNode.get(node) ?? { node, zone: nodeZone(nodes.get(node)) ?? '-', ready: 0, total: 0 };
    entry.total++;
    if (isPodReady(pod)) entry.ready++;
    perNode.set(node, entry);
  }
  const podsByNode = [...perNode.values()].sort((a, b) => byCodePoint(a.zone, b.zone) || byCodePoint(a.node, b.node));
  const zones = new Map<string, number>();
  for (const entry of podsByNode) zones.set(entry.zone, (zones.get(entry.zone) ?? 0) + entry.ready);
  const hpa = workload.hpas[0];
  const owner = [...workload.hpas, workload.object].map(ownerOf).find((o) => o !== undefined);
  const release = helmReleaseOf(workload.object);
  return {
    row,
    hpa: hpa
      ? { name: hpa.metadata.name, desiredReplicas: hpa.status?.desiredReplicas ?? null, conditions: hpa.status?.conditions ?? [] }
      : null,
    podsByNode,
    readyByZone: [...zones].map(([zone, ready]) => ({ zone, ready })),
    unscheduled,
    findings: findingsByWorkload(snapshot, findings, [row]).get(row.key) ?? [],
    helmRelease: release ? `${release.namespace}/${release.name}` : null,
    controller: owner ? (owner.type === 'keda' ? `ScaledObject/${owner.name}` : `${owner.kind}/${owner.name}`) : null,
  };
}
