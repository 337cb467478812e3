import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const rolloutStuckCheck = withText<Check>({
  id: 'HA011',
  category: 'ha',
  needs: ['status'],
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      if (workload.kind !== 'Deployment') continue;
      const stalled = workload.object.status?.conditions?.find(
        (c) => c.type === 'Progressing' && c.status === 'False' && c.reason === 'ProgressDeadlineExceeded',
      );
      if (!stalled) continue;
      const { replicas, updatedReplicas, availableReplicas } = workload.object.status ?? {};
      const wanted = workload.object.spec.replicas ?? 1;
      const available = availableReplicas ?? 0;
      const target = `deployment/${workload.name} -n ${workload.namespace}`;
      findings.push(
        finding(this, workloadRef(workload), {
          severity: available ? 'warning' : 'error',
          message: stalled.message
            ? t('findings.HA011.messageWithReason', {
                updated: updatedReplicas ?? 0,
                wanted,
                available,
                reason: stalled.message.replace(/\.$/, ''),
              })
            : t('findings.HA011.message', { updated: updatedReplicas ?? 0, wanted, available }),
          evidence: { condition: stalled, replicas: replicas ?? null, updatedReplicas: updatedReplicas ?? 0, availableReplicas: available },
          fix: {
            type: 'manual',
            text: t('findings.HA011.fix', { target }),
          },
        }),
      );
    }
    return findings;
  },
});
