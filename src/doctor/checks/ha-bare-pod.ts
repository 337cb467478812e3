import type { Pod } from '../../k8s/types.ts';
import { finding, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const barePodRef = (pod: Pod) => ({ kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name });

export const barePodCheck = withText<Check>({
  id: 'HA010',
  category: 'ha',
  run(context) {
    const findings: Finding[] = [];
    for (const pod of context.barePods) {
      findings.push(
        finding(this, barePodRef(pod), {
          severity: 'info',
          message: t('findings.HA010.message'),
          evidence: {
            ownerReferences: pod.metadata.ownerReferences ?? [],
            phase: pod.status?.phase ?? null,
            node: pod.spec.nodeName ?? null,
          },
          fix: {
            type: 'manual',
            text: t('findings.HA010.fix', {
              command: `kubectl create deployment ${pod.metadata.name} --image=… -n ${pod.metadata.namespace}`,
            }),
          },
        }),
      );
    }
    return findings;
  },
});
