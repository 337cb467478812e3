import { formatFieldError } from '../../k8s/field-error.ts';
import { validateBehavior } from '../../hpa/validate.ts';
import type { ApigeeResource } from '../../k8s/types.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';

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
            message: `behavior is invalid: ${errors.map(formatFieldError).join('; ')}.`,
            evidence: { behavior: hpa.spec.behavior },
            fix: { type: 'manual', text: 'Fix spec.behavior within the limits named above.' },
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
              message: `${component} behavior is invalid, the operator cannot apply it: ${errors.map(formatFieldError).join('; ')}.`,
              evidence: { component, behavior },
              fix: {
                type: 'manual',
                text: `Fix ${component}.hpaBehavior in overrides.yaml within the limits named above and helm upgrade the ${kind === 'ApigeeEnvironment' ? 'apigee-env' : 'apigee-org'} release.`,
              },
            },
          ),
        );
      }
    }
    return findings;
  },
});
