import { apigeeComponentOf } from '../../profiles/apigee.ts';
import { intendedReplicas } from '../apigee-scale.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import { hpaSettingsFix, raisedMax } from '../fixes.ts';

export const minEqualsMaxCheck: Check = {
  id: 'HPA007',
  category: 'hpa',
  title: 'minReplicas equals maxReplicas: the HPA cannot scale',
  explain: `With minReplicas == maxReplicas the HPA pins the replica count; it only costs a sync loop and misleads readers into thinking the workload autoscales.
Fix: raise maxReplicas to the peak you need (or delete the HPA and set fixed replicas).`,
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const { min, max } = intendedReplicas(context, hpa);
      // apigee-watcher is leader-elected: 1/1 is its right setting (HPA013 guards it).
      if (min !== max || apigeeComponentOf(hpa) === 'watcher') return [];
      return [
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: `minReplicas and maxReplicas are both ${min}: the HPA can never change the replica count.`,
          evidence: { minReplicas: min, maxReplicas: max },
          fix: hpaSettingsFix(context, hpa, { max: raisedMax(context, hpa) }),
        }),
      ];
    });
  },
};
