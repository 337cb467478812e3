import { sidecarOfContainer } from '../../profiles/wallarm.ts';
import type { Container, HorizontalPodAutoscaler } from '../../k8s/types.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding, Severity } from '../finding.ts';
import { suggestedRequest, workloadFix } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

/** Resources whose Utilization target needs a request on every counted container. */
function resourcesNeedingRequests(hpa: HorizontalPodAutoscaler): { resource: string; container?: string }[] {
  return (hpa.spec.metrics ?? []).flatMap((m) => {
    if (m.type === 'Resource' && m.resource?.target.type === 'Utilization') return [{ resource: m.resource.name }];
    if (m.type === 'ContainerResource' && m.containerResource?.target.type === 'Utilization')
      return [{ resource: m.containerResource.name, container: m.containerResource.container }];
    return [];
  });
}

export const missingRequestsCheck = withText<Check>({
  id: 'HPA003',
  category: 'hpa',
  run(context) {
    const findings: Finding[] = [];
    for (const hpa of context.snapshot.hpas) {
      const needs = resourcesNeedingRequests(hpa);
      const workload = context.targetOf(hpa);
      if (!needs.length || !workload) continue;
      const seen = new Set<string>();
      const running = workload.pods.filter((p) => !p.metadata.deletionTimestamp);
      const sources = running.length
        ? running.map((p) => ({ pod: p.metadata.name, spec: p.spec }))
        : [{ pod: t('findings.HPA003.podTemplate'), spec: workload.object.spec.template.spec }];
      for (const { pod, spec } of sources) {
        const counted: [Container, Severity][] = [
          ...spec.containers.map((c): [Container, Severity] => [c, 'error']),
          ...(spec.initContainers ?? []).map((c): [Container, Severity] => [c, c.restartPolicy === 'Always' ? 'error' : 'warning']),
        ];
        for (const { resource, container: only } of needs) {
          // A pod-level request (PodLevelResources) is what the controller uses when it is set.
          if (!only && spec.resources?.requests?.[resource] !== undefined) continue;
          for (const [container, severity] of counted) {
            if (only && container.name !== only) continue;
            if (container.resources?.requests?.[resource] !== undefined) continue;
            const key = `${resource}/${container.name}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const injected = sidecarOfContainer(container.name) !== undefined;
            findings.push(
              finding(this, hpaRef(hpa), {
                severity,
                message:
                  severity === 'error'
                    ? t(injected ? 'findings.HPA003.missingInjected' : 'findings.HPA003.missing', {
                        resource,
                        container: container.name,
                        pod,
                      })
                    : t('findings.HPA003.initContainer', { resource, container: container.name, pod }),
                evidence: {
                  target: `${workload.kind}/${workload.name}`,
                  pod,
                  container: container.name,
                  resource,
                  injected,
                  requests: container.resources?.requests ?? {},
                },
                fix: workloadFix(context, workload, {
                  type: 'resources',
                  container: container.name,
                  requests: { [resource]: suggestedRequest(resource, container.name, container.resources?.limits?.[resource]) },
                }),
              }),
            );
          }
        }
      }
    }
    return findings;
  },
});
