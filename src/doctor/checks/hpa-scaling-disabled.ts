import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { hpaBehaviorFix } from '../fixes.ts';
import { withText } from '../check-text.ts';

type Direction = 'scaleUp' | 'scaleDown';

const consequence: Record<Direction, string> = {
  scaleUp: 'it never adds pods, however high the load',
  scaleDown: 'it never removes pods: the replica count only grows, and stays at its peak',
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
            message: `behavior.${direction}.selectPolicy is Disabled: ${consequence[direction]} (unless that is intended).`,
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
