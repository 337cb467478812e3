import { apigeeComponentOf } from '../../profiles/apigee.ts';
import { validateApigeeBehavior, validateApigeeHpaMetrics, waitTimeKeyOf, type ApigeeHpaMetrics } from '../../profiles/apigee-hpa.ts';
import { formatFieldError } from '../../k8s/field-error.ts';
import type { HPABehavior, MetricSpec } from '../../k8s/types.ts';
import { finding, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

/** runtime.hpaMetrics as the CR or HPA expresses it: Pods metrics with averageValue targets. */
function hpaMetricsOf(metrics: MetricSpec[] | undefined): ApigeeHpaMetrics {
  const values: ApigeeHpaMetrics = {};
  for (const metric of metrics ?? []) {
    const key = metric.type === 'Pods' && metric.pods ? waitTimeKeyOf(metric.pods.metric.name) : undefined;
    if (key && key !== 'targetCPUUtilizationPercentage') values[key] = metric.pods?.target.averageValue ?? metric.pods?.target.value;
  }
  return values;
}

export const apigeeRuntimeScalingCheck = withText<Check>({
  id: 'HPA015',
  category: 'hpa',
  run(context) {
    const findings: Finding[] = [];
    for (const env of context.snapshot.apigeeEnvironments) {
      const runtime = env.spec?.components?.runtime?.autoScaler;
      if (!runtime) continue;
      const ref = { kind: 'ApigeeEnvironment', namespace: env.metadata.namespace ?? 'default', name: env.metadata.name };
      const metricErrors = validateApigeeHpaMetrics(hpaMetricsOf(runtime.metrics));
      if (metricErrors.length) {
        findings.push(
          finding(this, ref, {
            severity: 'error',
            message: t('findings.HPA015.metrics', { errors: metricErrors.map(formatFieldError).join('; ') }),
            evidence: { metrics: runtime.metrics },
            fix: {
              type: 'manual',
              text: t('findings.HPA015.metricsFix'),
            },
          }),
        );
      }
      const behaviorErrors = runtime.behavior ? validateApigeeBehavior(runtime.behavior as HPABehavior) : [];
      if (behaviorErrors.length) {
        findings.push(
          finding(this, ref, {
            severity: 'warning',
            message: t('findings.HPA015.behavior', { errors: behaviorErrors.map(formatFieldError).join('; ') }),
            evidence: { behavior: runtime.behavior },
            fix: {
              type: 'manual',
              text: t('findings.HPA015.behaviorFix'),
            },
          }),
        );
      }
    }
    // A runtime HPA whose wait-time target drifted from its CR (or that has no CR in scope) is checked too.
    for (const hpa of context.snapshot.hpas) {
      if (apigeeComponentOf(hpa) !== 'runtime') continue;
      const errors = validateApigeeHpaMetrics(hpaMetricsOf(hpa.spec.metrics), 'spec.metrics');
      if (!errors.length || context.snapshot.apigeeEnvironments.length) continue;
      findings.push(
        finding(
          this,
          { kind: 'HorizontalPodAutoscaler', namespace: hpa.metadata.namespace ?? 'default', name: hpa.metadata.name },
          {
            severity: 'error',
            message: t('findings.HPA015.waitTime', { errors: errors.map(formatFieldError).join('; ') }),
            evidence: { metrics: hpa.spec.metrics },
            fix: {
              type: 'manual',
              text: t('findings.HPA015.waitTimeFix'),
            },
          },
        ),
      );
    }
    return findings;
  },
});
