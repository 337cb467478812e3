import { controllerDefaults } from '../../hpa/behavior.ts';
import type { HorizontalPodAutoscaler } from '../../k8s/types.ts';
import { ownerOf } from '../../profiles/ownership.ts';
import type { Workload } from '../../snapshot/workloads.ts';
import { finding, hpaRef, type Check, type DoctorContext } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';

const causes: Record<string, string> = {
  FailedGetResourceMetric:
    'the resource metric (cpu/memory) could not be read or computed: metrics-server missing, pods without requests, or no ready pods with samples',
  FailedGetContainerResourceMetric:
    'the container resource metric could not be read: metrics-server missing or the named container has no request',
  FailedGetPodsMetric:
    'the Pods metric could not be read from custom.metrics.k8s.io: the adapter is missing or does not publish that metric for these pods',
  FailedGetObjectMetric: 'the Object metric could not be read from custom.metrics.k8s.io',
  FailedGetExternalMetric: 'the External metric could not be read from external.metrics.k8s.io',
  InvalidSelector: "the target's selector could not be turned into a pod selector",
  AmbiguousSelector: "the target's pods are also selected by another HPA",
  ScalingDisabled: 'the target was scaled to 0 replicas, which switches autoscaling off',
  InvalidMetricSourceType: 'a metric has a type the controller does not know',
  FailedGetScale: 'the controller could not read the target through its /scale subresource (target missing or RBAC)',
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
    message: `no metrics yet (${reason}): every pod of ${target!.kind}/${target!.name} started within the last ${age} s, and the HPA controller allows a new pod ${grace} s for its first samples.`,
    evidence: { condition: 'ScalingActive', reason, message, oldestPodSeconds: age, graceSeconds: grace },
    fix: {
      type: 'manual',
      text: `Nothing yet: run the doctor again once the pods are ${grace} s old; if the HPA still shows <unknown> then, this becomes an error.`,
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
          message: `${broken.type}=False (${reason}): ${causes[reason] ?? 'see the condition message'}${broken.message ? ` — "${broken.message}"` : ''}.`,
          evidence: { condition: broken.type, reason, message: broken.message ?? '' },
          fix: {
            type: 'manual',
            text: `Run \`kubectl describe hpa ${hpa.metadata.name} -n ${hpa.metadata.namespace}\` and fix the cause named above; see the other findings for this HPA for the exact change.`,
          },
        }),
      ];
    });
  },
});
