import { eligibleNodes, isPatchableTopologyKey, topologyDomains } from '../../snapshot/scheduling.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding, Fix } from '../finding.ts';
import { manualTemplateFix, workloadFix } from '../fixes.ts';
import { rolloutDeadlock, stuckRolloutNote } from '../rollout.ts';
import { maximumReplicas } from './replicas.ts';

/** A hand-made template edit is a rollout too. */
function withStuckRolloutNote(fix: Fix, note: string | undefined): Fix {
  return note && fix.type === 'manual' ? { ...fix, text: `${fix.text} ${note}` } : fix;
}

export const unschedulableMaxCheck: Check = {
  id: 'HA003',
  category: 'ha',
  needs: ['nodes'],
  title: 'required anti-affinity allows fewer pods than the replicas wanted',
  explain: `Required podAntiAffinity on a topology key allows at most one pod of the workload per domain (node or zone). If the HPA's maxReplicas (spec.replicas for a workload without an HPA) exceeds the number of eligible domains, the extra pods stay Pending, for an HPA exactly when load is highest. Nodes without the topology key are not limited by the term, so a workload that may use such nodes is not reported.
Fix: switch to preferred anti-affinity (or a ScheduleAnyway topology spread), or lower maxReplicas (or replicas) to the number of domains. The switch is a rollout: when every domain already holds a pod and maxUnavailable is 0, the fix says to let one old pod go first.`,
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes')) return [];
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const spec = workload.object.spec.template.spec;
      const podLabels = workload.object.spec.template.metadata?.labels;
      // Only terms about the workload's own pods cap its replicas per domain.
      const terms = (spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) =>
        matchesSelector(t.labelSelector, podLabels),
      );
      if (!terms.length) continue;
      const nodes = eligibleNodes(spec, context.snapshot.nodes);
      if (!nodes.length) continue;
      const max = maximumReplicas(workload);
      const deadlock = rolloutDeadlock(workload, context.snapshot.nodes);
      const scaled = workload.hpas.length > 0;
      // Without an HPA the count is spec.replicas, not a maximum.
      const wanted = scaled ? `its HPA may scale to maxReplicas ${max}` : `it runs ${max} replicas`;
      const field = scaled ? 'maxReplicas' : 'replicas';
      for (const term of terms) {
        const { domains, nodesWithoutKey } = topologyDomains(nodes, term.topologyKey);
        if (nodesWithoutKey.length || max <= domains) continue;
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'error',
            message: `required anti-affinity on ${term.topologyKey} fits ${domains} pods, but ${wanted}: ${max - domains} ${scaled ? 'would stay' : 'stay'} Pending.`,
            evidence: { topologyKey: term.topologyKey, eligibleDomains: domains, eligibleNodes: nodes.length, [field]: max },
            fix: isPatchableTopologyKey(term.topologyKey)
              ? workloadFix(context, workload, { type: 'anti-affinity', topologyKey: term.topologyKey })
              : withStuckRolloutNote(
                  manualTemplateFix(
                    workload,
                    `Move the required pod anti-affinity term on ${term.topologyKey} to preferredDuringSchedulingIgnoredDuringExecution (or lower ${field} to ${domains})`,
                  ),
                  deadlock && stuckRolloutNote(workload, deadlock),
                ),
          }),
        );
      }
    }
    return findings;
  },
};
