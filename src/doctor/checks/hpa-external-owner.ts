import { describeOwner, scalingOwner } from '../../profiles/ownership.ts';
import { intendedReplicas } from '../apigee-scale.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import { hpaSettingsFix } from '../fixes.ts';

export const externalOwnerCheck: Check = {
  id: 'HPA012',
  category: 'hpa',
  title: 'HPA owned by an operator or KEDA: direct patches are reverted',
  explain: `This HPA is created and reconciled by another controller (the Apigee operator from an ApigeeEnvironment/ApigeeOrganization, or KEDA from a ScaledObject). kubectl patch/edit on the HPA works for a few seconds, then the owner writes its own spec back.
Fix: change the owner's resource (kubectl scale-ha patch env|org …, or the ScaledObject), and for Apigee also overrides.yaml so the next helm upgrade keeps it.`,
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const owner = scalingOwner(hpa, [hpa]);
      if (owner.type !== 'apigee' && owner.type !== 'keda') return [];
      return [
        finding(this, hpaRef(hpa), {
          severity: 'info',
          message: `owned by ${describeOwner(owner)}: change scaling there, not on the HPA.`,
          evidence: { ownerReferences: hpa.metadata.ownerReferences ?? [] },
          // The owner's command with the values it holds (an Apigee CR's, not a stale HPA's): edit the numbers to change.
          fix: hpaSettingsFix(context, hpa, intendedReplicas(context, hpa)),
        }),
      ];
    });
  },
};
