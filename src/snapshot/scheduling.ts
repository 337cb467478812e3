// A coarse model of where the scheduler may put a workload's pods: enough to count nodes and zones.
import type { Node, PodSpec } from './k8s.ts';
import { hostnameLabel, nodeZone, zoneLabel } from './workloads.ts';

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

function tolerates(tolerations: Toleration[], taint: { key: string; effect: string; value?: string }): boolean {
  return tolerations.some(
    (t) =>
      (t.effect === undefined || t.effect === '' || t.effect === taint.effect) &&
      (t.operator === 'Exists' ? t.key === undefined || t.key === '' || t.key === taint.key : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')),
  );
}

function isReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'False';
}

/** Ready, schedulable nodes whose labels match the nodeSelector and whose NoSchedule/NoExecute taints are tolerated. */
export function eligibleNodes(spec: PodSpec, nodes: readonly Node[]): Node[] {
  const tolerations = (spec.tolerations ?? []) as Toleration[];
  return nodes.filter((node) => {
    if (node.spec?.unschedulable || !isReady(node)) return false;
    const labels = node.metadata.labels ?? {};
    if (Object.entries(spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v)) return false;
    return (node.spec?.taints ?? []).every((taint) => taint.effect === 'PreferNoSchedule' || tolerates(tolerations, taint));
  });
}

/** How many distinct domains of a topology key the nodes span. */
export function domainCount(nodes: readonly Node[], topologyKey: string): number {
  if (topologyKey === zoneLabel) return new Set(nodes.map(nodeZone).filter(Boolean)).size;
  const key = topologyKey === hostnameLabel ? hostnameLabel : topologyKey;
  return new Set(nodes.map((n) => n.metadata.labels?.[key] ?? (key === hostnameLabel ? n.metadata.name : undefined)).filter(Boolean)).size;
}
