import { describeOwner, scalingOwner } from '../../profiles/ownership.ts';
import { intendedReplicas } from '../apigee-scale.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import { hpaSettingsFix } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const externalOwnerCheck = withText<Check>({
  id: 'HPA012',
  category: 'hpa',
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const owner = scalingOwner(hpa, [hpa]);
      if (owner.type !== 'apigee' && owner.type !== 'keda') return [];
      return [
        finding(this, hpaRef(hpa), {
          severity: 'info',
          message: t('findings.HPA012.message', { owner: describeOwner(owner) }),
          evidence: { ownerReferences: hpa.metadata.ownerReferences ?? [] },
          // The owner's command with the values it holds (an Apigee CR's, not a stale HPA's): edit the numbers to change.
          fix: hpaSettingsFix(context, hpa, intendedReplicas(context, hpa)),
        }),
      ];
    });
  },
});
