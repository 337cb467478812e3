import { matchesSelector } from '../../k8s/selector.ts';
import type { TopologySpreadConstraint } from '../../k8s/types.ts';
import { isPatchableTopologyKey } from '../../snapshot/scheduling.ts';
import { placementOf, type Workload } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import { workloadFix } from '../fixes.ts';
import { countedReplicas, minimumReplicas, replicasText } from './replicas.ts';
import { withText } from '../check-text.ts';
import { t, listText } from '../../i18n/index.ts';

/** Spread constraints whose labelSelector selects none of the workload's own pods: they spread other pods. */
function foreignSpread(workload: Workload): TopologySpreadConstraint[] {
  const { template } = workload.object.spec;
  return (template.spec.topologySpreadConstraints ?? []).filter((c) => !matchesSelector(c.labelSelector, template.metadata?.labels));
}

export const noAntiAffinityCheck = withText<Check>({
  id: 'HA001',
  category: 'ha',
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
        const keys = listText([...new Set(broken.map((c) => c.topologyKey))]);
        return [
          finding(this, workloadRef(workload), {
            severity: 'warning',
            message: t('findings.HA001.foreignSpread', {
              replicas: counted,
              keys,
              selector: JSON.stringify(replaced.labelSelector ?? null),
            }),
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
          message: t('findings.HA001.message', { replicas: counted }),
          evidence,
          fix: workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'kubernetes.io/hostname' }),
        }),
      ];
    });
  },
});
