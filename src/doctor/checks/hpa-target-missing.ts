import { finding, hpaRef, type Check } from '../context.ts';

const knownKinds = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

export const targetMissingCheck: Check = {
  id: 'HPA004',
  category: 'hpa',
  title: 'scale target does not exist',
  explain: `The HPA's scaleTargetRef names a workload that is not in the namespace (renamed, deleted, or a typo). The controller reports FailedGetScale and does nothing.
Fix: point scaleTargetRef at the right workload, or delete the stale HPA.`,
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const ref = hpa.spec.scaleTargetRef;
      if (!knownKinds.has(ref.kind) || context.targetOf(hpa)) return [];
      if (context.snapshot.labelSelector) return []; // the target may only be filtered out by -l
      return [
        finding(this, hpaRef(hpa), {
          severity: 'error',
          message: `scaleTargetRef ${ref.kind}/${ref.name} does not exist in namespace ${hpa.metadata.namespace}.`,
          evidence: { scaleTargetRef: ref },
          fix: {
            type: 'manual',
            text: `Fix spec.scaleTargetRef (kubectl edit hpa ${hpa.metadata.name} -n ${hpa.metadata.namespace}) or delete the HPA if the workload is gone.`,
          },
        }),
      ];
    });
  },
};
