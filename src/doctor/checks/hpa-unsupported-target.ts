import { helmReleaseOf } from '../../profiles/generic.ts';
import { autoscalingUnsupportedReason, chartComponentOf, chartReplicasPath } from '../../profiles/wallarm.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';

export const unsupportedTargetCheck = withText<Check>({
  id: 'HPA018',
  category: 'hpa',
  run(context) {
    const findings: Finding[] = [];
    for (const hpa of context.snapshot.hpas) {
      const target = context.targetOf(hpa);
      const reason = target && autoscalingUnsupportedReason(target.object);
      if (!target || !reason) continue;
      const release = helmReleaseOf(target.object);
      const component = chartComponentOf(target.object);
      const valuesKey = component ? chartReplicasPath(component) : 'the replica count';
      const where = release ? ` in the values of helm release ${release.namespace}/${release.name}` : '';
      const replicas = Math.max(2, target.object.spec.replicas ?? 1, hpa.status?.currentReplicas ?? 0);
      findings.push(
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: `scales ${target.kind}/${target.name}: ${reason}.`,
          evidence: { target: `${target.kind}/${target.name}`, minReplicas: hpa.spec.minReplicas ?? 1, maxReplicas: hpa.spec.maxReplicas },
          fix: {
            type: 'manual',
            text: `kubectl delete hpa ${hpa.metadata.name} -n ${hpa.metadata.namespace}, then set ${valuesKey} to ${replicas} (or what the peak needs)${where}.`,
          },
        }),
      );
    }
    return findings;
  },
});
