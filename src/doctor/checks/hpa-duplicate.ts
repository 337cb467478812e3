import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';

export const duplicateHpaCheck: Check = {
  id: 'HPA005',
  category: 'hpa',
  title: 'two HPAs target the same workload',
  explain: `Two HPAs on one workload fight: each writes its own replica count every sync, and recent controllers mark both AmbiguousSelector and stop. This often happens when KEDA or an operator creates an HPA beside a hand-made one.
Fix: delete the HPA that is not owned by the party meant to scale the workload.`,
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
};
