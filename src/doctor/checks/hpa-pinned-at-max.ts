import { finding, hpaRef, type Check } from '../context.ts';
import { hpaSettingsFix, raisedMax } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const pinnedAtMaxCheck = withText<Check>({
  id: 'HPA009',
  category: 'hpa',
  needs: ['status'],
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const limited = hpa.status?.conditions?.find(
        (c) => c.type === 'ScalingLimited' && c.status === 'True' && c.reason === 'TooManyReplicas',
      );
      if (!limited) return [];
      const max = hpa.spec.maxReplicas;
      return [
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: t('findings.HPA009.message', { max }),
          evidence: {
            maxReplicas: max,
            currentReplicas: hpa.status?.currentReplicas,
            desiredReplicas: hpa.status?.desiredReplicas,
            condition: limited,
          },
          fix: hpaSettingsFix(context, hpa, { max: raisedMax(context, hpa) }),
        }),
      ];
    });
  },
});
