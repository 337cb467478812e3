import { finding, workloadRef, type Check } from '../context.ts';
import { minimumReplicas } from './replicas.ts';

export const noPdbCheck: Check = {
  id: 'HA004',
  category: 'ha',
  title: 'multi-replica workload without a PodDisruptionBudget',
  explain: `Without a PDB a node drain (cluster upgrade, autoscaler scale-down) may evict every replica at once.
Fix: a PDB with maxUnavailable: 1 selecting the workload's pods.`,
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'poddisruptionbudgets')) return [];
    return context.workloads.flatMap((workload) => {
      const replicas = minimumReplicas(workload);
      if (replicas < 2 || workload.pdbs.length) return [];
      const labels = workload.object.spec.selector.matchLabels ?? {};
      const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
      return [
        finding(this, workloadRef(workload), {
          severity: 'warning',
          message: `${replicas} replicas and no PodDisruptionBudget: a drain may evict them all at once.`,
          evidence: { replicas, podLabels: workload.object.spec.template.metadata?.labels ?? {} },
          fix: { type: 'command', command: `kubectl create poddisruptionbudget ${workload.name} -n ${workload.namespace} --selector ${selector || '<labels>'} --max-unavailable 1` },
        }),
      ];
    });
  },
};
