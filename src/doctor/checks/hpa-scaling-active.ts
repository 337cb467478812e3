import { controllerDefaults } from '../../hpa/behavior.ts';
import type { HorizontalPodAutoscaler } from '../../k8s/types.ts';
import { ownerOf } from '../../profiles/ownership.ts';
import type { Workload } from '../../snapshot/workloads.ts';
import { finding, hpaRef, type Check, type DoctorContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

const causes: Record<string, string> = {
  FailedGetResourceMetric: 'findings.HPA002.cause.FailedGetResourceMetric',
  FailedGetContainerResourceMetric: 'findings.HPA002.cause.FailedGetContainerResourceMetric',
  FailedGetPodsMetric: 'findings.HPA002.cause.FailedGetPodsMetric',
  FailedGetObjectMetric: 'findings.HPA002.cause.FailedGetObjectMetric',
  FailedGetExternalMetric: 'findings.HPA002.cause.FailedGetExternalMetric',
  InvalidSelector: 'findings.HPA002.cause.InvalidSelector',
  AmbiguousSelector: 'findings.HPA002.cause.AmbiguousSelector',
  ScalingDisabled: 'findings.HPA002.cause.ScalingDisabled',
  InvalidMetricSourceType: 'findings.HPA002.cause.InvalidMetricSourceType',
  FailedGetScale: 'findings.HPA002.cause.FailedGetScale',
};

/** Reads that fail while new pods have no samples yet; a missing request fails whatever the pods' age. */
const podMetricReads = new Set(['FailedGetResourceMetric', 'FailedGetContainerResourceMetric', 'FailedGetPodsMetric']);

/**
 * How long new pods may lack metrics: the controller's cpu-initialization-period for an HPA on cpu (it ignores a
 * starting pod's cpu samples that long), else its initial-readiness-delay.
 */
function metricsGraceSeconds(hpa: HorizontalPodAutoscaler): number {
  // No metrics means the API's default, cpu.
  const metrics = hpa.spec.metrics ?? [];
  const onCpu = !metrics.length || metrics.some((m) => (m.resource ?? m.containerResource)?.name === 'cpu');
  return onCpu ? controllerDefaults.cpuInitializationPeriodSeconds : controllerDefaults.initialReadinessDelaySeconds;
}

/** The age in seconds of the oldest running pod of the target, when every one is younger than `grace`. */
function youngPodsAge(context: DoctorContext, target: Workload | undefined, grace: number): number | undefined {
  const taken = Date.parse(context.snapshot.takenAt);
  const pods = (target?.pods ?? []).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Failed');
  const ages = pods.map((p) => (taken - Date.parse(p.metadata.creationTimestamp ?? '')) / 1000);
  // Either sign: the API server's clock and ours may differ by a little, never by the grace period.
  if (!ages.length || !ages.every((age) => Math.abs(age) < grace)) return undefined;
  return Math.max(0, Math.round(Math.max(...ages)));
}

function noMetricsYet(context: DoctorContext, hpa: HorizontalPodAutoscaler, reason: string, message: string): Finding | undefined {
  if (!podMetricReads.has(reason) || /missing request/i.test(message)) return undefined;
  const grace = metricsGraceSeconds(hpa);
  const target = context.targetOf(hpa);
  const age = youngPodsAge(context, target, grace);
  if (age === undefined) return undefined;
  return finding(scalingActiveCheck, hpaRef(hpa), {
    severity: 'info',
    message: t('findings.HPA002.noMetricsYet', { reason, target: `${target!.kind}/${target!.name}`, age, grace }),
    evidence: { condition: 'ScalingActive', reason, message, oldestPodSeconds: age, graceSeconds: grace },
    fix: {
      type: 'manual',
      text: t('findings.HPA002.noMetricsYetFix', { grace }),
    },
  });
}

export const scalingActiveCheck = withText<Check>({
  id: 'HPA002',
  category: 'hpa',
  needs: ['status'],
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const condition = hpa.status?.conditions?.find((c) => c.type === 'ScalingActive' && c.status === 'False');
      const able = hpa.status?.conditions?.find((c) => c.type === 'AbleToScale' && c.status === 'False');
      const broken = condition ?? able;
      if (!broken) return [];
      const reason = broken.reason ?? 'Unknown';
      const young = broken === condition ? noMetricsYet(context, hpa, reason, broken.message ?? '') : undefined;
      if (young) return [young];
      // Scaled to zero on purpose (KEDA, or Object/External metrics with minReplicas 0) is not a fault.
      const intendedZero =
        reason === 'ScalingDisabled' &&
        (ownerOf(hpa)?.type === 'keda' || (hpa.spec.metrics ?? []).some((m) => m.type === 'Object' || m.type === 'External'));
      return [
        finding(this, hpaRef(hpa), {
          severity: intendedZero ? 'info' : 'error',
          message: t(broken.message ? 'findings.HPA002.messageQuoted' : 'findings.HPA002.message', {
            condition: broken.type,
            reason,
            cause: t(causes[reason] ?? 'findings.HPA002.seeMessage'),
            quoted: broken.message,
          }),
          evidence: { condition: broken.type, reason, message: broken.message ?? '' },
          fix: {
            type: 'manual',
            text: t('findings.HPA002.fix', { command: `kubectl describe hpa ${hpa.metadata.name} -n ${hpa.metadata.namespace}` }),
          },
        }),
      ];
    });
  },
});
