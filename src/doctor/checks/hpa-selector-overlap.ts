import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const selectorOverlapCheck = withText<Check>({
  id: 'HPA006',
  category: 'hpa',
  run(context) {
    const findings: Finding[] = [];
    for (const hpa of context.snapshot.hpas) {
      const target = context.targetOf(hpa);
      if (!target) continue;
      const foreign = new Map<string, number>();
      for (const pod of context.podsMatching(target.namespace, target.object.spec.selector)) {
        const owner = context.workloadOfPod(pod);
        if (owner && owner !== target) foreign.set(`${owner.kind}/${owner.name}`, (foreign.get(`${owner.kind}/${owner.name}`) ?? 0) + 1);
      }
      if (!foreign.size) continue;
      findings.push(
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: t('findings.HPA006.message', { target: `${target.kind}/${target.name}`, others: [...foreign.keys()].join(', ') }),
          evidence: { selector: target.object.spec.selector, foreignPods: Object.fromEntries(foreign) },
          fix: {
            type: 'manual',
            text: t('findings.HPA006.fix', { target: `${target.kind}/${target.name}` }),
          },
        }),
      );
    }
    return findings;
  },
});
