import { resolveIntOrPercent } from '../../k8s/quantity.ts';
import { eligibleNodes, isPatchableTopologyKey, topologyDomains } from '../../snapshot/scheduling.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import { hostnameLabel } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { manualTemplateFix, workloadFix } from '../fixes.ts';

/** Deployment rolling-update maxUnavailable: default 25 %, rounded down. */
const maxUnavailable = (value: number | string | undefined, replicas: number) => resolveIntOrPercent(value ?? '25%', replicas, 'down');

export const rolloutDeadlockCheck: Check = {
  id: 'HA006',
  category: 'ha',
  title: 'rolling update can never progress (required anti-affinity on full nodes, maxUnavailable 0)',
  explain: `With required anti-affinity and as many replicas as eligible domains (nodes for hostname), a surge pod has no domain to go to; with maxUnavailable 0 (the default 25 % rounds down to 0 below 4 replicas) no old pod is removed first. The rollout hangs forever with one Pending pod. Nodes without the term's topology key take the surge pod, so a workload that may use such nodes is not reported.
Fix: preferred anti-affinity, or maxUnavailable: 1 in the Deployment strategy, or one more node.`,
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes')) return [];
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      if (workload.kind !== 'Deployment') continue;
      const spec = workload.object.spec;
      if (spec.strategy?.type === 'Recreate') continue;
      const podLabels = spec.template.metadata?.labels;
      const required = (spec.template.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) =>
        matchesSelector(t.labelSelector, podLabels),
      );
      if (!required.length) continue;
      const replicas = spec.replicas ?? 1;
      const unavailable = maxUnavailable(spec.strategy?.rollingUpdate?.maxUnavailable, replicas);
      if (unavailable > 0) continue;
      const nodes = eligibleNodes(spec.template.spec, context.snapshot.nodes);
      if (!nodes.length) continue;
      // The tightest term decides: the one with the fewest domains, among keys every eligible node carries.
      const full = required
        .map((term) => ({ topologyKey: term.topologyKey, ...topologyDomains(nodes, term.topologyKey) }))
        .filter((t) => !t.nodesWithoutKey.length && replicas >= t.domains)
        .sort((a, b) => a.domains - b.domains)[0];
      if (!full) continue;
      const where =
        full.topologyKey === hostnameLabel ? `${full.domains} eligible nodes` : `${full.domains} eligible ${full.topologyKey} domains`;
      findings.push(
        finding(this, workloadRef(workload), {
          severity: 'error',
          message: `${replicas} replicas with required anti-affinity on ${full.topologyKey} over ${where} and maxUnavailable 0: the next rollout deadlocks.`,
          evidence: {
            replicas,
            topologyKey: full.topologyKey,
            eligibleDomains: full.domains,
            eligibleNodes: nodes.length,
            maxUnavailable: spec.strategy?.rollingUpdate?.maxUnavailable ?? '25% (default)',
            maxUnavailableResolved: unavailable,
          },
          fix: isPatchableTopologyKey(full.topologyKey)
            ? workloadFix(context, workload, { type: 'anti-affinity', topologyKey: full.topologyKey })
            : manualTemplateFix(
                workload,
                `Move the required pod anti-affinity term on ${full.topologyKey} to preferredDuringSchedulingIgnoredDuringExecution, or set strategy.rollingUpdate.maxUnavailable: 1`,
              ),
        }),
      );
    }
    return findings;
  },
};
