import { matchesSelector } from '../../k8s/selector.ts';
import type { TopologySpreadConstraint } from '../../k8s/types.ts';
import { isPatchableTopologyKey } from '../../snapshot/scheduling.ts';
import { placementOf, type Workload } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import { workloadFix } from '../fixes.ts';
import { countedReplicas, minimumReplicas, replicasText } from './replicas.ts';

/** Spread constraints whose labelSelector selects none of the workload's own pods: they spread other pods. */
function foreignSpread(workload: Workload): TopologySpreadConstraint[] {
  const { template } = workload.object.spec;
  return (template.spec.topologySpreadConstraints ?? []).filter((c) => !matchesSelector(c.labelSelector, template.metadata?.labels));
}

export const noAntiAffinityCheck: Check = {
  id: 'HA001',
  category: 'ha',
  title: 'several replicas without pod anti-affinity or topology spread',
  explain: `Without podAntiAffinity or topologySpreadConstraints over its own pods the scheduler may put every replica on the same node (it often does on a quiet cluster): one node failure or drain takes the whole service down, whatever the replica count. A spread constraint whose labelSelector selects none of the workload's pods (a copied selector, a renamed label) spreads other pods and counts as none. The replicas counted are those the workload runs now, or the HPA's minimum when that is higher.
Fix: preferred podAntiAffinity on kubernetes.io/hostname (required only when there are always more nodes than replicas), or a topologySpreadConstraint over zones; a spread constraint that selects other pods is replaced by one over the workload's own.`,
  run(context) {
    return context.workloads.flatMap((workload) => {
      const replicas = countedReplicas(workload);
      const placement = placementOf(workload.object);
      if (replicas < 2 || placement.antiAffinity !== 'none' || placement.spreadKeys.length) return [];
      const counted = replicasText(workload);
      const broken = foreignSpread(workload);
      const evidence = {
        replicas,
        ...(workload.hpas.length ? { minReplicas: minimumReplicas(workload) } : {}),
        affinity: workload.object.spec.template.spec.affinity ?? null,
        topologySpreadConstraints: broken,
      };
      if (broken.length) {
        const replaced = broken.find((c) => isPatchableTopologyKey(c.topologyKey)) ?? broken[0]!;
        const keys = [...new Set(broken.map((c) => c.topologyKey))].join(' and ');
        return [
          finding(this, workloadRef(workload), {
            severity: 'warning',
            message: `${counted} with no pod anti-affinity, and the topology spread constraint on ${keys} selects none of its pods (labelSelector ${JSON.stringify(replaced.labelSelector ?? null)}): they may all land on one node.`,
            evidence,
            fix: workloadFix(context, workload, {
              type: 'spread',
              topologyKey: replaced.topologyKey,
              maxSkew: replaced.maxSkew,
              whenUnsatisfiable: replaced.whenUnsatisfiable,
            }),
          }),
        ];
      }
      return [
        finding(this, workloadRef(workload), {
          severity: 'warning',
          message: `${counted} with no pod anti-affinity or topology spread: they may all land on one node.`,
          evidence,
          fix: workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'kubernetes.io/hostname' }),
        }),
      ];
    });
  },
};
