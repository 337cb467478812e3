import { formatFieldError } from '../../k8s/field-error.ts';
import { validateBehavior } from '../../hpa/validate.ts';
import type { ApigeeResource } from '../../k8s/types.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';

export const behaviorLimitsCheck: Check = {
  id: 'HPA014',
  category: 'hpa',
  title: 'behavior outside the API limits',
  explain: `autoscaling/v2 behavior has hard limits: stabilizationWindowSeconds 0–3600, every policy value > 0 and periodSeconds 1–1800, at least one policy per direction, selectPolicy Max|Min|Disabled. The API server rejects an HPA that breaks them — but an Apigee custom resource is not checked by it: the operator then fails to create or update the runtime HPA and scaling silently stays as it was.
Fix: bring the values inside the limits (kubectl scale-ha simulate --behavior FILE shows what a behavior does and validates it first).`,
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
};
