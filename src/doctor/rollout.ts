// Whether a Deployment's next rollout can start a new pod: one rule for HA006 and for the fixes that change the pod
// template (every template change is a rollout).
import { resolveIntOrPercent } from '../k8s/quantity.ts';
import { matchesSelector } from '../k8s/selector.ts';
import type { Node } from '../k8s/types.ts';
import { eligibleNodes, topologyDomains } from '../snapshot/scheduling.ts';
import type { Workload } from '../snapshot/workloads.ts';
import { t } from '../i18n/index.ts';

/** Deployment rolling-update maxUnavailable: default 25 %, rounded down. */
const maxUnavailable = (value: number | string | undefined, replicas: number) => resolveIntOrPercent(value ?? '25%', replicas, 'down');

export interface RolloutDeadlock {
  replicas: number;
  topologyKey: string;
  /** Eligible domains of the key, every one holding an old pod. */
  domains: number;
  eligibleNodes: number;
  maxUnavailable: number | string;
}

/**
 * With required anti-affinity on a key and at least as many replicas as eligible domains, every domain holds an old
 * pod that repels a new one (the old pods' required terms still select the new pods); with maxUnavailable 0 no old
 * pod goes first. Nodes without the key take a new pod, so a workload that may use them is not blocked.
 */
export function rolloutDeadlock(workload: Workload, nodes: readonly Node[]): RolloutDeadlock | undefined {
  if (workload.kind !== 'Deployment') return undefined;
  const spec = workload.object.spec;
  if (spec.strategy?.type === 'Recreate') return undefined;
  const podLabels = spec.template.metadata?.labels;
  const required = (spec.template.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) =>
    matchesSelector(t.labelSelector, podLabels),
  );
  if (!required.length) return undefined;
  const replicas = spec.replicas ?? 1;
  if (maxUnavailable(spec.strategy?.rollingUpdate?.maxUnavailable, replicas) > 0) return undefined;
  const eligible = eligibleNodes(spec.template.spec, nodes);
  if (!eligible.length) return undefined;
  // The tightest term decides: the one with the fewest domains, among keys every eligible node carries.
  const full = required
    .map((term) => ({ topologyKey: term.topologyKey, ...topologyDomains(eligible, term.topologyKey) }))
    .filter((t) => !t.nodesWithoutKey.length && replicas >= t.domains)
    .sort((a, b) => a.domains - b.domains)[0];
  if (!full) return undefined;
  return {
    replicas,
    topologyKey: full.topologyKey,
    domains: full.domains,
    eligibleNodes: eligible.length,
    maxUnavailable: spec.strategy?.rollingUpdate?.maxUnavailable ?? '25% (default)',
  };
}

/** What a fix that changes the pod template says when its rollout would stay Pending. */
export function stuckRolloutNote(workload: Workload, deadlock: RolloutDeadlock): string {
  const command = `kubectl patch deployment ${workload.name} -n ${workload.namespace} -p '{"spec":{"strategy":{"rollingUpdate":{"maxUnavailable":1}}}}'`;
  return t('fixes.stuckRollout', { key: deadlock.topologyKey, domains: deadlock.domains, command });
}
