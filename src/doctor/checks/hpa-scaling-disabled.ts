import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { hpaBehaviorFix } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

type Direction = 'scaleUp' | 'scaleDown';

const consequence: Record<Direction, string> = {
  scaleUp: 'findings.HPA017.scaleUp',
  scaleDown: 'findings.HPA017.scaleDown',
};

export const scalingDisabledCheck = withText<Check>({
  id: 'HPA017',
  category: 'hpa',
  run(context) {
    const findings: Finding[] = [];
    for (const hpa of context.snapshot.hpas) {
      for (const direction of ['scaleUp', 'scaleDown'] as const) {
        if (hpa.spec.behavior?.[direction]?.selectPolicy !== 'Disabled') continue;
        findings.push(
          finding(this, hpaRef(hpa), {
            severity: direction === 'scaleUp' ? 'warning' : 'info',
            message: t('findings.HPA017.message', { direction, consequence: t(consequence[direction]) }),
            evidence: { [`behavior.${direction}`]: hpa.spec.behavior?.[direction] },
            // Max is the API's default selectPolicy.
            fix: hpaBehaviorFix(context, hpa, { [direction]: { selectPolicy: 'Max' } }),
          }),
        );
      }
    }
    return findings;
  },
});
