import { placementOf } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import { workloadFix } from '../fixes.ts';
import { minimumReplicas } from './replicas.ts';

export const noAntiAffinityCheck: Check = {
  id: 'HA001',
  category: 'ha',
  title: 'several replicas without pod anti-affinity or topology spread',
  explain: `Without podAntiAffinity or topologySpreadConstraints the scheduler may put every replica on the same node (it often does on a quiet cluster): one node failure or drain takes the whole service down, whatever the replica count.
Fix: preferred podAntiAffinity on kubernetes.io/hostname (required only when there are always more nodes than replicas), or a topologySpreadConstraint over zones.`,
  run(context) {
    return context.workloads.flatMap((workload) => {
      const replicas = minimumReplicas(workload);
      const placement = placementOf(workload.object);
      if (replicas < 2 || placement.antiAffinity !== 'none' || placement.spreadKeys.length) return [];
      return [
        finding(this, workloadRef(workload), {
          severity: 'warning',
          message: `${replicas} replicas with no pod anti-affinity or topology spread: they may all land on one node.`,
          evidence: { replicas, affinity: workload.object.spec.template.spec.affinity ?? null, topologySpreadConstraints: [] },
          fix: workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'kubernetes.io/hostname' }),
        }),
      ];
    });
  },
};
