import { finding, workloadRef, type Check } from '../context.ts';
import { countedReplicas, replicasText } from './replicas.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const noPdbCheck = withText<Check>({
  id: 'HA004',
  category: 'ha',
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'poddisruptionbudgets')) return [];
    return context.workloads.flatMap((workload) => {
      const replicas = countedReplicas(workload);
      if (replicas < 2 || workload.pdbs.length) return [];
      const selector = workload.object.spec.selector;
      return [
        finding(this, workloadRef(workload), {
          severity: 'warning',
          message: t('findings.HA004.message', { replicas: replicasText(workload) }),
          evidence: { replicas, selector },
          // kubectl create pdb takes equality selectors only; set-based ones need a manifest.
          fix: (selector.matchExpressions ?? []).length
            ? {
                type: 'manual',
                text: t('findings.HA004.apply', {
                  manifest: JSON.stringify({
                    apiVersion: 'policy/v1',
                    kind: 'PodDisruptionBudget',
                    metadata: { name: workload.name, namespace: workload.namespace },
                    spec: { maxUnavailable: 1, selector },
                  }),
                }),
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
});
