import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';

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
            message: `${workload.kind}/${workload.name} is targeted by ${workload.hpas.length} HPAs (${names.join(', ')}).`,
            evidence: { target: `${workload.kind}/${workload.name}`, hpas: names },
            fix: {
              type: 'manual',
              text: `Keep one: kubectl delete hpa ${names.filter((n) => n !== hpa.metadata.name).join(' ')} -n ${workload.namespace} (keep the one owned by KEDA/the operator if any).`,
            },
          }),
        );
      }
    }
    return findings;
  },
});
