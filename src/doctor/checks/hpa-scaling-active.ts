import { ownerOf } from '../../profiles/ownership.ts';
import { finding, hpaRef, type Check } from '../context.ts';

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

export const scalingActiveCheck: Check = {
  id: 'HPA002',
  category: 'hpa',
  title: 'ScalingActive=False: the HPA is not computing replicas',
  explain: `When the HPA's ScalingActive condition is False the controller cannot compute a replica count; kubectl shows <unknown> in TARGETS. The condition's reason names the broken part: FailedGetResourceMetric / FailedGetPodsMetric / … (metrics pipeline or missing requests), ScalingDisabled (target at 0 replicas), FailedGetScale (target missing).
Fix: follow the reason; other checks (HPA001 metrics API, HPA003 missing requests, HPA004 missing target) usually name the exact cause.`,
  run(context) {
    return context.snapshot.hpas.flatMap((hpa) => {
      const condition = hpa.status?.conditions?.find((c) => c.type === 'ScalingActive' && c.status === 'False');
      const able = hpa.status?.conditions?.find((c) => c.type === 'AbleToScale' && c.status === 'False');
      const broken = condition ?? able;
      if (!broken) return [];
      const reason = broken.reason ?? 'Unknown';
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
};
