import { helmReleaseOf } from '../../profiles/generic.ts';
import { autoscalingUnsupportedReason, chartComponentOf, chartReplicasPath } from '../../profiles/wallarm.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

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
      const valuesKey = component ? chartReplicasPath(component) : t('findings.HPA018.replicaCount');
      const replicas = Math.max(2, target.object.spec.replicas ?? 1, hpa.status?.currentReplicas ?? 0);
      findings.push(
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: t('findings.HPA018.message', { target: `${target.kind}/${target.name}`, reason }),
          evidence: { target: `${target.kind}/${target.name}`, minReplicas: hpa.spec.minReplicas ?? 1, maxReplicas: hpa.spec.maxReplicas },
          fix: {
            type: 'manual',
            text: t(release ? 'findings.HPA018.fixInRelease' : 'findings.HPA018.fix', {
              command: `kubectl delete hpa ${hpa.metadata.name} -n ${hpa.metadata.namespace}`,
              key: valuesKey,
              replicas,
              release: release ? `${release.namespace}/${release.name}` : undefined,
            }),
          },
        }),
      );
    }
    return findings;
  },
});
