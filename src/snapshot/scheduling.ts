// A coarse model of where the scheduler may put a workload's pods: enough to count nodes and zones.
import type { Node, PodSpec } from '../k8s/types.ts';
import { hostnameLabel, nodeZone, zoneLabel } from './workloads.ts';

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/** The API shape of a node selector requirement (k8s.ts types nodeAffinity as unknown). */
interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } | null;
}

function tolerates(tolerations: Toleration[], taint: { key: string; effect: string; value?: string }): boolean {
  return tolerations.some(
    (t) =>
      (t.effect === undefined || t.effect === '' || t.effect === taint.effect) &&
      (t.operator === 'Exists'
        ? t.key === undefined || t.key === '' || t.key === taint.key
        : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')),
  );
}

function isReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status !== 'False';
}

/** Label values compared by Gt/Lt are parsed as int64, like the API does; anything else never matches. */
function integer(text: string | undefined): bigint | undefined {
  return text !== undefined && /^[+-]?\d+$/.test(text) ? BigInt(text) : undefined;
}

function matchesRequirement(requirement: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const have = integer(value);
      const bound = values.length === 1 ? integer(values[0]) : undefined;
      if (have === undefined || bound === undefined) return false;
      return requirement.operator === 'Gt' ? have > bound : have < bound;
    }
    default:
      return false;
  }
}

/** Only metadata.name is a valid field, with In or NotIn. */
function matchesField(requirement: NodeSelectorRequirement, node: Node): boolean {
  if (requirement.key !== 'metadata.name' || (requirement.operator !== 'In' && requirement.operator !== 'NotIn')) return false;
  return matchesRequirement(requirement, node.metadata.name);
}

/** A term ANDs its requirements; an empty term matches no node (as in the scheduler). */
function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!expressions.length && !fields.length) return false;
  const labels = node.metadata.labels ?? {};
  return expressions.every((r) => matchesRequirement(r, labels[r.key])) && fields.every((r) => matchesField(r, node));
}

/** Required node affinity: the terms are ORed. */
export function matchesNodeAffinity(spec: PodSpec, node: Node): boolean {
  const required = (spec.affinity?.nodeAffinity as NodeAffinity | undefined)?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((term) => matchesTerm(term, node));
}

/**
 * Ready, schedulable nodes whose labels match the nodeSelector and the required node affinity, and
 * whose NoSchedule/NoExecute taints are tolerated.
 */
export function eligibleNodes(spec: PodSpec, nodes: readonly Node[]): Node[] {
  const tolerations = (spec.tolerations ?? []) as Toleration[];
  return nodes.filter((node) => {
    if (node.spec?.unschedulable || !isReady(node)) return false;
    const labels = node.metadata.labels ?? {};
    if (Object.entries(spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v)) return false;
    if (!matchesNodeAffinity(spec, node)) return false;
    return (node.spec?.taints ?? []).every((taint) => taint.effect === 'PreferNoSchedule' || tolerates(tolerations, taint));
  });
}

/** The node's domain for a topology key, or undefined when the node lacks the label. */
export function topologyValue(node: Node, topologyKey: string): string | undefined {
  if (topologyKey === zoneLabel) return nodeZone(node);
  return node.metadata.labels?.[topologyKey] ?? (topologyKey === hostnameLabel ? node.metadata.name : undefined);
}

export interface TopologyDomains {
  /** Distinct values of the key over the nodes that carry it. */
  domains: number;
  /** Nodes without the key: anti-affinity places no limit there, and spread constraints keep pods off them. */
  nodesWithoutKey: string[];
}

export function topologyDomains(nodes: readonly Node[], topologyKey: string): TopologyDomains {
  const values = new Set<string>();
  const nodesWithoutKey: string[] = [];
  for (const node of nodes) {
    const value = topologyValue(node, topologyKey);
    if (value === undefined) nodesWithoutKey.push(node.metadata.name);
    else values.add(value);
  }
  return { domains: values.size, nodesWithoutKey };
}

/** How many distinct domains of a topology key the nodes span (nodes without the key not counted). */
export function domainCount(nodes: readonly Node[], topologyKey: string): number {
  return topologyDomains(nodes, topologyKey).domains;
}

/** The keys `kubectl scale-ha patch --topology-key` accepts (hostname or zone). */
export function isPatchableTopologyKey(topologyKey: string): boolean {
  return topologyKey === hostnameLabel || topologyKey === zoneLabel;
}
