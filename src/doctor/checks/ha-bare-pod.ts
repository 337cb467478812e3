import type { Pod } from '../../k8s/types.ts';
import { finding, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';

export const barePodRef = (pod: Pod) => ({ kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name });

export const barePodCheck: Check = {
  id: 'HA010',
  category: 'ha',
  title: 'a pod without a controller: nothing re-creates it',
  explain: `A pod that no Deployment, StatefulSet, ReplicaSet, Job, DaemonSet or operator owns (created with kubectl run or a bare manifest) is not re-created when it is deleted, evicted by a drain or lost with its node; no HPA or PDB applies to it. It is reported once, as information; its containers' requests are checked like a workload's (RES001).
Fix: run it as a Deployment (or a Job if it runs to completion) and delete the bare pod.`,
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
};
