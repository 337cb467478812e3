import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const duplicateHpaCheck = withText<Check>({
  id: 'HPA005',
  category: 'hpa',
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      if (workload.hpas.length < 2) continue;
      const names = workload.hpas.map((h) => h.metadata.name);
      for (const hpa of workload.hpas) {
        findings.push(
          finding(this, hpaRef(hpa), {
            severity: 'error',
            message: t('findings.HPA005.message', {
              target: `${workload.kind}/${workload.name}`,
              count: workload.hpas.length,
              hpas: names.join(', '),
            }),
            evidence: { target: `${workload.kind}/${workload.name}`, hpas: names },
            fix: {
              type: 'manual',
              text: t('findings.HPA005.fix', {
                command: `kubectl delete hpa ${names.filter((n) => n !== hpa.metadata.name).join(' ')} -n ${workload.namespace}`,
              }),
            },
          }),
        );
      }
    }
    return findings;
  },
});
