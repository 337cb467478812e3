import type { HorizontalPodAutoscaler, VerticalPodAutoscaler } from '../../k8s/types.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { withText } from '../check-text.ts';
import { t, listText } from '../../i18n/index.ts';

/** Update modes that change the requests of running pods (by eviction or in place); Initial and Off do not. */
const updatingModes = new Set(['Auto', 'Recreate', 'InPlaceOrRecreate']);
const vpaDefaultResources = ['cpu', 'memory'];

/** The resources a VPA sets requests for: every non-Off container policy's, and cpu and memory for the rest unless "*" is Off. */
function vpaResources(vpa: VerticalPodAutoscaler): Set<string> {
  const policies = vpa.spec.resourcePolicy?.containerPolicies ?? [];
  const resources = new Set<string>();
  for (const policy of policies) {
    if (policy.mode === 'Off') continue;
    for (const resource of policy.controlledResources ?? vpaDefaultResources) resources.add(resource);
  }
  if (!policies.some((p) => p.containerName === '*')) for (const resource of vpaDefaultResources) resources.add(resource);
  return resources;
}

/** The cpu/memory utilization or value metrics the HPA scales on: the numbers a VPA moves under it. */
function hpaResources(hpa: HorizontalPodAutoscaler): Set<string> {
  return new Set(
    (hpa.spec.metrics ?? []).flatMap((m) =>
      m.type === 'Resource' && m.resource
        ? [m.resource.name]
        : m.type === 'ContainerResource' && m.containerResource
          ? [m.containerResource.name]
          : [],
    ),
  );
}

const targetKey = (namespace: string | undefined, ref: { kind: string; name: string }) =>
  `${namespace ?? 'default'}/${ref.kind}/${ref.name}`;

export const vpaConflictCheck = withText<Check>({
  id: 'HPA016',
  category: 'hpa',
  run(context) {
    const vpas = context.snapshot.verticalPodAutoscalers;
    if (!vpas.length) return [];
    const byTarget = new Map<string, VerticalPodAutoscaler[]>();
    for (const vpa of vpas) {
      const mode = vpa.spec.updatePolicy?.updateMode ?? 'Auto';
      if (!vpa.spec.targetRef || !updatingModes.has(mode)) continue;
      const key = targetKey(vpa.metadata.namespace, vpa.spec.targetRef);
      byTarget.set(key, [...(byTarget.get(key) ?? []), vpa]);
    }
    const findings: Finding[] = [];
    for (const hpa of context.snapshot.hpas) {
      const scaledOn = hpa.spec.metrics?.length ? hpaResources(hpa) : new Set(['cpu']);
      for (const vpa of byTarget.get(targetKey(hpa.metadata.namespace, hpa.spec.scaleTargetRef)) ?? []) {
        const shared = [...vpaResources(vpa)].filter((r) => scaledOn.has(r));
        if (!shared.length) continue;
        const mode = vpa.spec.updatePolicy?.updateMode ?? 'Auto';
        const { kind, name } = hpa.spec.scaleTargetRef;
        findings.push(
          finding(this, hpaRef(hpa), {
            severity: 'error',
            message: t('findings.HPA016.message', { vpa: vpa.metadata.name, mode, resources: listText(shared), target: `${kind}/${name}` }),
            evidence: { vpa: vpa.metadata.name, updateMode: mode, sharedResources: shared, target: `${kind}/${name}` },
            fix: {
              type: 'kubectl-patch',
              resource: 'verticalpodautoscaler',
              namespace: hpa.metadata.namespace ?? 'default',
              name: vpa.metadata.name,
              patchType: 'merge',
              patch: { spec: { updatePolicy: { updateMode: 'Off' } } },
              note: t('findings.HPA016.note'),
            },
          }),
        );
      }
    }
    return findings;
  },
});
