import { apigeeComponentOf } from '../../profiles/apigee.ts';
import { intendedReplicas } from '../apigee-scale.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import { hpaSettingsFix, raisedMax } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const minEqualsMaxCheck = withText<Check>({
  id: 'HPA007',
  category: 'hpa',
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const { min, max } = intendedReplicas(context, hpa);
      // apigee-watcher is leader-elected: 1/1 is its right setting (HPA013 guards it).
      if (min !== max || apigeeComponentOf(hpa) === 'watcher') return [];
      return [
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: t('findings.HPA007.message', { min }),
          evidence: { minReplicas: min, maxReplicas: max },
          fix: hpaSettingsFix(context, hpa, { max: raisedMax(context, hpa) }),
        }),
      ];
    });
  },
});
