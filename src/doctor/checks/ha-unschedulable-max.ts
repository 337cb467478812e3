import { eligibleNodes, isPatchableTopologyKey, topologyDomains } from '../../snapshot/scheduling.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { manualTemplateFix, workloadFix } from '../fixes.ts';
import { maximumReplicas } from './replicas.ts';

export const unschedulableMaxCheck: Check = {
  id: 'HA003',
  category: 'ha',
  title: 'required anti-affinity allows fewer pods than maxReplicas',
  explain: `Required podAntiAffinity on a topology key allows at most one pod of the workload per domain (node or zone). If the HPA's maxReplicas (or spec.replicas) exceeds the number of eligible domains, the extra pods stay Pending exactly when load is highest. Nodes without the topology key are not limited by the term, so a workload that may use such nodes is not reported.
Fix: switch to preferred anti-affinity (or a ScheduleAnyway topology spread), or lower maxReplicas to the number of domains.`,
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
      for (const term of terms) {
        const { domains, nodesWithoutKey } = topologyDomains(nodes, term.topologyKey);
        if (nodesWithoutKey.length || max <= domains) continue;
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'error',
            message: `required anti-affinity on ${term.topologyKey} fits ${domains} pods, but up to ${max} replicas may be wanted: ${max - domains} would stay Pending.`,
            evidence: { topologyKey: term.topologyKey, eligibleDomains: domains, eligibleNodes: nodes.length, maxReplicas: max },
            fix: isPatchableTopologyKey(term.topologyKey)
              ? workloadFix(context, workload, { type: 'anti-affinity', topologyKey: term.topologyKey })
              : manualTemplateFix(
                  workload,
                  `Move the required pod anti-affinity term on ${term.topologyKey} to preferredDuringSchedulingIgnoredDuringExecution (or lower maxReplicas to ${domains})`,
                ),
          }),
        );
      }
    }
    return findings;
  },
};
