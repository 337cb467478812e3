import { intendedReplicas } from '../apigee-scale.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import { hpaSettingsFix } from '../fixes.ts';

export const minBelowTwoCheck: Check = {
  id: 'HPA008',
  category: 'hpa',
  title: 'minReplicas below 2: a single pod at quiet times',
  explain: `With minReplicas 1 the HPA scales the workload down to one pod whenever load is low; a node drain, eviction or crash then takes the service down until a new pod is ready.
Fix: minReplicas 2 or more (and anti-affinity so the two land on different nodes).`,
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const { min, max } = intendedReplicas(context, hpa);
      if (min >= 2 || max < 2) return [];
      return [
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: `minReplicas is ${min}: at low load the workload runs a single pod (no high availability).`,
          evidence: { minReplicas: min, maxReplicas: max },
          fix: hpaSettingsFix(context, hpa, { min: 2 }),
        }),
      ];
    });
  },
};
