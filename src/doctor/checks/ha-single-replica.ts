import { singleReplicaReason } from '../../profiles/apigee.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { workloadFix } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const singleReplicaCheck = withText<Check>({
  id: 'HA008',
  category: 'ha',
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const replicas = workload.object.spec.replicas;
      // 0 is a deliberate stop; a workload an HPA scales is judged by its minReplicas (HPA008).
      if (workload.hpas.length || (replicas ?? 1) !== 1 || singleReplicaReason(workload.object)) continue;
      findings.push(
        finding(this, workloadRef(workload), {
          severity: 'warning',
          message: t(replicas === undefined ? 'findings.HA008.unset' : 'findings.HA008.message'),
          evidence: { replicas: replicas ?? null, hpas: [] },
          fix: workloadFix(context, workload, { type: 'replicas', replicas: 2 }, { why: t('findings.HA008.why') }),
        }),
      );
    }
    return findings;
  },
});
