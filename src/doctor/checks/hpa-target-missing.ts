import { finding, hpaRef, type Check } from '../context.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

const knownKinds = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

export const targetMissingCheck = withText<Check>({
  id: 'HPA004',
  category: 'hpa',
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const ref = hpa.spec.scaleTargetRef;
      if (!knownKinds.has(ref.kind) || context.targetOf(hpa)) return [];
      if (context.snapshot.labelSelector) return []; // the target may only be filtered out by -l
      return [
        finding(this, hpaRef(hpa), {
          severity: 'error',
          message: t('findings.HPA004.message', { target: `${ref.kind}/${ref.name}`, namespace: hpa.metadata.namespace }),
          evidence: { scaleTargetRef: ref },
          fix: {
            type: 'manual',
            text: t('findings.HPA004.fix', { hpa: hpa.metadata.name, namespace: hpa.metadata.namespace }),
          },
        }),
      ];
    });
  },
});
