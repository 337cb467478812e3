// One summary row per workload, for `list` and the TUI's overview. Pure.
import { describeOwner, scalingOwner } from '../profiles/ownership.ts';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus, MetricTarget } from '../k8s/types.ts';
import type { Snapshot } from './types.ts';
import { clusterZoneCount, placementOf, spreadOf, workloadsOf, type AntiAffinityMode } from './workloads.ts';
import { byCodePoint } from '../k8s/order.ts';

export interface HpaSummary {
  name: string;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number | null;
  /** kubectl's TARGETS column, e.g. "cpu: 45%/60%" or "cpu: <unknown>/60%". */
  targets: string;
  /** True when some metric has no current value (kubectl shows <unknown>). */
  unknown: boolean;
}

export interface WorkloadSummary {
  namespace: string;
  kind: string;
  name: string;
  desiredReplicas: number;
  readyReplicas: number;
  hpa: HpaSummary | null;
  antiAffinity: AntiAffinityMode;
  topologyKeys: string[];
  topologySpread: boolean;
  nodes: number;
  /** null when the nodes carry no zone labels (or could not be listed): unknown, not zero. */
  zones: number | null;
  owner: string;
}

function targetText(target: MetricTarget): string {
  if (target.type === 'Utilization') return `${target.averageUtilization ?? '?'}%`;
  return String(target.averageValue ?? target.value ?? '?');
}

function metricName(spec: MetricSpec): string {
  switch (spec.type) {
    case 'Resource':
      return spec.resource?.name ?? 'resource';
    case 'ContainerResource':
      return `${spec.containerResource?.name}(${spec.containerResource?.container})`;
    case 'Pods':
      return spec.pods?.metric.name ?? 'pods';
    case 'Object':
      return spec.object?.metric.name ?? 'object';
    case 'External':
      return spec.external?.metric.name ?? 'external';
  }
}

/** kubectl matches status.currentMetrics to spec.metrics by index; so do we. */
function currentFor(spec: MetricSpec, status: MetricStatus | undefined): string | undefined {
  if (!status || status.type !== spec.type) return undefined;
  const current =
    status.resource?.current ??
    status.containerResource?.current ??
    status.pods?.current ??
    status.object?.current ??
    status.external?.current;
  if (!current) return undefined;
  const values = current as { averageUtilization?: number; averageValue?: string; value?: string };
  if (targetOf(spec)?.type === 'Utilization') return values.averageUtilization !== undefined ? `${values.averageUtilization}%` : undefined;
  return values.averageValue ?? values.value;
}

function targetOf(spec: MetricSpec) {
  return spec.resource?.target ?? spec.containerResource?.target ?? spec.pods?.target ?? spec.object?.target ?? spec.external?.target;
}

export function hpaSummary(hpa: HorizontalPodAutoscaler): HpaSummary {
  const statuses = hpa.status?.currentMetrics ?? [];
  let unknown = false;
  const targets = (hpa.spec.metrics ?? []).map((spec, i) => {
    const target = targetOf(spec);
    const current = currentFor(spec, statuses[i]);
    if (current === undefined) unknown = true;
    return `${metricName(spec)}: ${current ?? '<unknown>'}/${target ? targetText(target) : '?'}`;
  });
  return {
    name: hpa.metadata.name,
    minReplicas: hpa.spec.minReplicas ?? 1,
    maxReplicas: hpa.spec.maxReplicas,
    currentReplicas: hpa.status?.currentReplicas ?? null,
    targets: targets.join(', ') || '<none>',
    unknown,
  };
}

export function summarizeWorkloads(snapshot: Snapshot): WorkloadSummary[] {
  const nodesByName = new Map(snapshot.nodes.map((n) => [n.metadata.name, n]));
  const zones = clusterZoneCount(snapshot.nodes);
  return workloadsOf(snapshot)
    .map((workload) => {
      const placement = placementOf(workload.object);
      const spread = spreadOf(workload, nodesByName, zones);
      const hpa = workload.hpas[0];
      return {
        namespace: workload.namespace,
        kind: workload.kind,
        name: workload.name,
        desiredReplicas: workload.object.spec.replicas ?? 1,
        readyReplicas: workload.object.status?.readyReplicas ?? 0,
        hpa: hpa ? hpaSummary(hpa) : null,
        antiAffinity: placement.antiAffinity,
        topologyKeys: [...new Set([...placement.antiAffinityKeys, ...placement.spreadKeys])],
        topologySpread: placement.spreadKeys.length > 0,
        nodes: spread.nodes,
        zones: zones > 0 ? spread.zones : null,
        owner: describeOwner(scalingOwner(workload.object, workload.hpas)),
      };
    })
    .sort((a, b) => byCodePoint(a.namespace, b.namespace) || byCodePoint(a.kind, b.kind) || byCodePoint(a.name, b.name));
}

/** The spread of a workload in a word, as `list` and the TUI show it: "anti-affinity:preferred(hostname)", "none". */
export function spreadLabel(row: WorkloadSummary): string {
  const parts: string[] = [];
  if (row.antiAffinity !== 'none') parts.push(`anti-affinity:${row.antiAffinity}`);
  if (row.topologySpread) parts.push('spread');
  if (parts.length === 0) return 'none';
  const keys = row.topologyKeys.map((k) => k.replace(/^(kubernetes\.io|topology\.kubernetes\.io)\//, '')).join('+');
  return `${parts.join(',')}(${keys})`;
}
