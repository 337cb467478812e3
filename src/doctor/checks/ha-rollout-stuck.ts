import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';

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
          message: `rollout not progressing (ProgressDeadlineExceeded): ${updatedReplicas ?? 0} of ${wanted} pods updated, ${available} available${stalled.message ? ` — "${stalled.message.replace(/\.$/, '')}"` : ''}.`,
          evidence: { condition: stalled, replicas: replicas ?? null, updatedReplicas: updatedReplicas ?? 0, availableReplicas: available },
          fix: {
            type: 'manual',
            text: `Find why the new pods do not become ready (kubectl rollout status ${target}; kubectl describe of a new pod) and fix that, or return to the last working version: kubectl rollout undo ${target}.`,
          },
        }),
      );
    }
    return findings;
  },
});
