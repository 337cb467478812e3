import { isPatchableTopologyKey } from '../../snapshot/scheduling.ts';
import { hostnameLabel } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { manualTemplateFix, workloadFix } from '../fixes.ts';
import { rolloutDeadlock } from '../rollout.ts';

export const rolloutDeadlockCheck: Check = {
  id: 'HA006',
  category: 'ha',
  needs: ['nodes'],
  title: 'rolling update can never progress (required anti-affinity on full nodes, maxUnavailable 0)',
  explain: `With required anti-affinity and as many replicas as eligible domains (nodes for hostname), a surge pod has no domain to go to; with maxUnavailable 0 (the default 25 % rounds down to 0 below 4 replicas) no old pod is removed first. The rollout hangs forever with one Pending pod. Nodes without the term's topology key take the surge pod, so a workload that may use such nodes is not reported.
Fix: maxUnavailable: 1 in the Deployment strategy (not a rollout), then preferred anti-affinity if you want it: the switch to preferred is itself a rollout, which this deadlock would hold; or one more node.`,
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes')) return [];
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const deadlock = rolloutDeadlock(workload, context.snapshot.nodes);
      if (!deadlock) continue;
      const { replicas, topologyKey, domains } = deadlock;
      const where = topologyKey === hostnameLabel ? `${domains} eligible nodes` : `${domains} eligible ${topologyKey} domains`;
      findings.push(
        finding(this, workloadRef(workload), {
          severity: 'error',
          message: `${replicas} replicas with required anti-affinity on ${topologyKey} over ${where} and maxUnavailable 0: the next rollout deadlocks.`,
          evidence: {
            replicas,
            topologyKey,
            eligibleDomains: domains,
            eligibleNodes: deadlock.eligibleNodes,
            maxUnavailable: deadlock.maxUnavailable,
            maxUnavailableResolved: 0,
          },
          fix: isPatchableTopologyKey(topologyKey)
            ? workloadFix(context, workload, { type: 'anti-affinity', topologyKey })
            : manualTemplateFix(
                workload,
                `Move the required pod anti-affinity term on ${topologyKey} to preferredDuringSchedulingIgnoredDuringExecution, or set strategy.rollingUpdate.maxUnavailable: 1`,
              ),
        }),
      );
    }
    return findings;
  },
};
