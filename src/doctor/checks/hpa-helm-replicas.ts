import { helmReleaseOf } from '../../profiles/generic.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';

export const helmReplicasCheck: Check = {
  id: 'HPA010',
  category: 'hpa',
  title: 'helm sets spec.replicas on a workload an HPA scales',
  explain: `When a chart template renders spec.replicas for a workload that an HPA scales, every helm upgrade resets the replica count to the chart's value: a busy service drops to e.g. 1 pod until the HPA catches up. The managedFields show helm as a manager of spec.replicas.
The check reads managedFields, where helm shows as a manager of spec.replicas only until the HPA controller next rescales (it then owns the field): it catches the problem right after an upgrade, and stays silent otherwise.
Fix: render spec.replicas only when autoscaling is off (e.g. {{- if not .Values.autoscaling.enabled }} replicas: … {{- end }}), or drop it from the template.`,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const release = helmReleaseOf(workload.object);
      const helmManagers = (workload.object.replicasFieldManagers ?? []).filter((m) => m.toLowerCase().startsWith('helm'));
      if (!release || !workload.hpas.length || !helmManagers.length) continue;
      findings.push(
        finding(this, workloadRef(workload), {
          severity: 'warning',
          message: `helm release ${release.name} sets spec.replicas while HPA ${workload.hpas[0]!.metadata.name} owns the count: each helm upgrade resets it to ${workload.object.spec.replicas ?? '?'}.`,
          evidence: {
            release: release.name,
            replicasFieldManagers: workload.object.replicasFieldManagers,
            hpa: workload.hpas[0]!.metadata.name,
          },
          fix: {
            type: 'manual',
            text: `In the chart of release ${release.namespace}/${release.name}, render spec.replicas of ${workload.kind}/${workload.name} only when no HPA is enabled, then helm upgrade.`,
          },
        }),
      );
    }
    return findings;
  },
};
