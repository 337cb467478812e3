import { helmReleaseOf } from '../../profiles/generic.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

// The template guard is helm's syntax, not a message: a parameter keeps i18next from reading its braces.
const replicasTemplate = '{{- if not .Values.autoscaling.enabled }} replicas: … {{- end }}';

export const helmReplicasCheck = withText<Check>(
  {
    id: 'HPA010',
    category: 'hpa',
    run(context) {
      const findings: Finding[] = [];
      for (const workload of context.workloads) {
        const release = helmReleaseOf(workload.object);
        const helmManagers = (workload.object.replicasFieldManagers ?? []).filter((m) => m.toLowerCase().startsWith('helm'));
        if (!release || !workload.hpas.length || !helmManagers.length) continue;
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'warning',
            message: t('findings.HPA010.message', {
              release: release.name,
              hpa: workload.hpas[0]!.metadata.name,
              replicas: workload.object.spec.replicas ?? '?',
            }),
            evidence: {
              release: release.name,
              replicasFieldManagers: workload.object.replicasFieldManagers,
              hpa: workload.hpas[0]!.metadata.name,
            },
            fix: {
              type: 'manual',
              text: t('findings.HPA010.fix', {
                release: `${release.namespace}/${release.name}`,
                workload: `${workload.kind}/${workload.name}`,
              }),
            },
          }),
        );
      }
      return findings;
    },
  },
  { replicasTemplate },
);
