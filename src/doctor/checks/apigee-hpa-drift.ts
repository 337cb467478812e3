import { apigeeEnvironmentKind, apigeeOperator, environmentName } from '../../profiles/apigee.ts';
import { apigeeScaleOf } from '../apigee-scale.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const apigeeDriftCheck = withText<Check>({
  id: 'HPA020',
  category: 'hpa',
  run(context) {
    const findings: Finding[] = [];
    for (const hpa of context.snapshot.hpas) {
      const apigee = apigeeScaleOf(context, hpa);
      if (!apigee?.cr || !apigee.component) continue;
      const hpaMin = hpa.spec.minReplicas ?? 1;
      const stale =
        (apigee.min !== undefined && apigee.min !== hpaMin) || (apigee.max !== undefined && apigee.max !== hpa.spec.maxReplicas);
      if (!stale) continue;
      const { cr, component, owner } = apigee;
      const namespace = cr.metadata.namespace ?? 'default';
      const crName =
        owner.kind === apigeeEnvironmentKind
          ? `${owner.kind} ${environmentName(cr)} (${cr.metadata.name})`
          : `${owner.kind} ${cr.metadata.name}`;
      const generation = cr.metadata.generation;
      const applied = cr.status?.lastAppliedGeneration;
      const behind = generation !== undefined && applied !== undefined && applied < generation;
      const wanted = `${apigee.min ?? hpaMin}/${apigee.max ?? hpa.spec.maxReplicas}`;
      findings.push(
        finding(this, hpaRef(hpa), {
          severity: 'warning',
          message: t('findings.HPA020.message', {
            cr: crName,
            component,
            wanted,
            current: `${hpaMin}/${hpa.spec.maxReplicas}`,
            generation: behind ? t('findings.HPA020.generation', { applied, generation }) : '',
            state: cr.status?.state ? t('findings.HPA020.state', { state: cr.status.state }) : '',
          }),
          evidence: {
            cr: `${owner.kind}/${cr.metadata.name}`,
            component,
            crMinReplicas: apigee.min ?? null,
            crMaxReplicas: apigee.max ?? null,
            hpaMinReplicas: hpaMin,
            hpaMaxReplicas: hpa.spec.maxReplicas,
            generation: generation ?? null,
            lastAppliedGeneration: applied ?? null,
            state: cr.status?.state ?? null,
          },
          fix: {
            type: 'manual',
            text: t('findings.HPA020.fix', {
              operator: apigeeOperator(),
              command: `kubectl get ${owner.kind.toLowerCase()} ${cr.metadata.name} -n ${namespace}`,
            }),
          },
        }),
      );
    }
    return findings;
  },
});
