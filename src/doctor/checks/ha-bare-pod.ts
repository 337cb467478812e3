import type { Pod } from '../../k8s/types.ts';
import { finding, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';

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
          message: `no controller owns this pod: if it is deleted, evicted or its node fails, nothing re-creates it.`,
          evidence: {
            ownerReferences: pod.metadata.ownerReferences ?? [],
            phase: pod.status?.phase ?? null,
            node: pod.spec.nodeName ?? null,
          },
          fix: {
            type: 'manual',
            text: `Run it as a Deployment (kubectl create deployment ${pod.metadata.name} --image=… -n ${pod.metadata.namespace}, with the pod's spec as its template) or a Job, then delete the pod.`,
          },
        }),
      );
    }
    return findings;
  },
});
