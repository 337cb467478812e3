import { domainCount, eligibleNodes } from '../../snapshot/scheduling.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { workloadFix } from '../fixes.ts';
import { maximumReplicas } from './replicas.ts';

export const unschedulableMaxCheck: Check = {
  id: 'HA003',
  category: 'ha',
  title: 'required anti-affinity allows fewer pods than maxReplicas',
  explain: `Required podAntiAffinity on a topology key allows at most one pod of the workload per domain (node or zone). If the HPA's maxReplicas (or spec.replicas) exceeds the number of eligible domains, the extra pods stay Pending exactly when load is highest.
Fix: switch to preferred anti-affinity (or a ScheduleAnyway topology spread), or lower maxReplicas to the number of domains.`,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const spec = workload.object.spec.template.spec;
      const terms = spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
      if (!terms.length || context.snapshot.missing.some((m) => m.resource === 'nodes')) continue;
      const nodes = eligibleNodes(spec, context.snapshot.nodes);
      const max = maximumReplicas(workload);
      for (const term of terms) {
        const domains = domainCount(nodes, term.topologyKey);
        if (max <= domains) continue;
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'error',
            message: `required anti-affinity on ${term.topologyKey} fits ${domains} pods, but up to ${max} replicas may be wanted: ${max - domains} would stay Pending.`,
            evidence: { topologyKey: term.topologyKey, eligibleDomains: domains, eligibleNodes: nodes.length, maxReplicas: max },
            fix: workloadFix(context, workload, { type: 'anti-affinity', topologyKey: term.topologyKey }),
          }),
        );
      }
    }
    return findings;
  },
};
