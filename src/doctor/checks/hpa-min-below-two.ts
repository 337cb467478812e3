import { intendedReplicas } from '../apigee-scale.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import { hpaSettingsFix } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const minBelowTwoCheck = withText<Check>({
  id: 'HPA008',
  category: 'hpa',
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const { min, max } = intendedReplicas(context, hpa);
      if (min >= 2 || max < 2) return [];
      return [
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: t('findings.HPA008.message', { min }),
          evidence: { minReplicas: min, maxReplicas: max },
          fix: hpaSettingsFix(context, hpa, { min: 2 }),
        }),
      ];
    });
  },
});
