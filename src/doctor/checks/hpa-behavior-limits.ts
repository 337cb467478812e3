import { formatFieldError } from '../../k8s/field-error.ts';
import { validateBehavior } from '../../hpa/validate.ts';
import type { ApigeeResource } from '../../k8s/types.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const behaviorLimitsCheck = withText<Check>({
  id: 'HPA014',
  category: 'hpa',
  run(context) {
    const findings: Finding[] = [];
    for (const hpa of context.snapshot.hpas) {
      const errors = validateBehavior(hpa.spec.behavior);
      if (errors.length)
        findings.push(
          finding(this, hpaRef(hpa), {
            severity: 'error',
            message: t('findings.HPA014.message', { errors: errors.map(formatFieldError).join('; ') }),
            evidence: { behavior: hpa.spec.behavior },
            fix: { type: 'manual', text: t('findings.HPA014.fix') },
          }),
        );
    }
    const crs: [string, ApigeeResource][] = [
      ...context.snapshot.apigeeEnvironments.map((cr): [string, ApigeeResource] => ['ApigeeEnvironment', cr]),
      ...context.snapshot.apigeeOrganizations.map((cr): [string, ApigeeResource] => ['ApigeeOrganization', cr]),
    ];
    for (const [kind, cr] of crs) {
      for (const [component, settings] of Object.entries(cr.spec?.components ?? {})) {
        const behavior = settings?.autoScaler?.behavior;
        if (!behavior) continue;
        const errors = validateBehavior(behavior, `spec.components.${component}.autoScaler.behavior`);
        if (!errors.length) continue;
        findings.push(
          finding(
            this,
            { kind, namespace: cr.metadata.namespace ?? 'default', name: cr.metadata.name },
            {
              severity: 'error',
              message: t('findings.HPA014.cr', { component, errors: errors.map(formatFieldError).join('; ') }),
              evidence: { component, behavior },
              fix: {
                type: 'manual',
                text: t('findings.HPA014.crFix', { component, chart: kind === 'ApigeeEnvironment' ? 'apigee-env' : 'apigee-org' }),
              },
            },
          ),
        );
      }
    }
    return findings;
  },
});
