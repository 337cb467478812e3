import { finding, workloadRef, type Check } from '../context.ts';
import { countedReplicas, replicasText } from './replicas.ts';

export const noPdbCheck: Check = {
  id: 'HA004',
  category: 'ha',
  title: 'multi-replica workload without a PodDisruptionBudget',
  explain: `Without a PDB a node drain (cluster upgrade, autoscaler scale-down) may evict every replica at once.
Fix: a PDB with maxUnavailable: 1 selecting the workload's pods.`,
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'poddisruptionbudgets')) return [];
    return context.workloads.flatMap((workload) => {
      const replicas = countedReplicas(workload);
      if (replicas < 2 || workload.pdbs.length) return [];
      const selector = workload.object.spec.selector;
      return [
        finding(this, workloadRef(workload), {
          severity: 'warning',
          message: `${replicasText(workload)} and no PodDisruptionBudget: a drain may evict them all at once.`,
          evidence: { replicas, selector },
          // kubectl create pdb takes equality selectors only; set-based ones need a manifest.
          fix: (selector.matchExpressions ?? []).length
            ? {
                type: 'manual',
                text: `kubectl apply -f - with: ${JSON.stringify({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: workload.name, namespace: workload.namespace }, spec: { maxUnavailable: 1, selector } })}`,
              }
            : {
                type: 'kubectl-create-pdb',
                namespace: workload.namespace,
                name: workload.name,
                selector,
                maxUnavailable: 1,
              },
        }),
      ];
    });
  },
};
