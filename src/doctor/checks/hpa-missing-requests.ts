import { sidecarOfContainer } from '../../profiles/wallarm.ts';
import type { Container, HorizontalPodAutoscaler } from '../../k8s/types.ts';
import { finding, hpaRef, type Check } from '../context.ts';
import type { Finding, Severity } from '../finding.ts';
import { suggestedRequest, workloadFix } from '../fixes.ts';

/** Resources whose Utilization target needs a request on every counted container. */
function resourcesNeedingRequests(hpa: HorizontalPodAutoscaler): { resource: string; container?: string }[] {
  return (hpa.spec.metrics ?? []).flatMap((m) => {
    if (m.type === 'Resource' && m.resource?.target.type === 'Utilization') return [{ resource: m.resource.name }];
    if (m.type === 'ContainerResource' && m.containerResource?.target.type === 'Utilization')
      return [{ resource: m.containerResource.name, container: m.containerResource.container }];
    return [];
  });
}

export const missingRequestsCheck: Check = {
  id: 'HPA003',
  category: 'hpa',
  title: 'a container of the target pods has no request for the HPA metric',
  explain: `A Utilization target is a percentage of the pods' requests. The HPA controller sums the request over every container of each pod, restartable init containers (sidecars) included; if any lacks a request for the metric's resource it fails with "missing request for cpu in container X of Pod Y" and shows <unknown>. The check reads the live pods, so containers injected at admission (Wallarm's sidecar-proxy, sidecar-init-iptables, …) are seen although the Deployment template does not show them. Plain init containers do not break the HPA but the vendor guides ask for requests there too (warning).
Fix: set the request on the template container, or for an injected Wallarm container the pod-template annotations sidecar.wallarm.io/<container>-{cpu,memory,cpu-limit,memory-limit} (kubectl scale-ha patch workload … --sidecar proxy --requests cpu=…), or the chart's config.sidecar.* resources for all pods.`,
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
        : [{ pod: '(pod template)', spec: workload.object.spec.template.spec }];
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
                    ? `missing request for ${resource} in container ${container.name} of Pod ${pod}${injected ? ' (injected by the Wallarm webhook)' : ''}: the HPA shows <unknown> and cannot scale.`
                    : `init container ${container.name} of Pod ${pod} has no ${resource} request (the HPA ignores it, but the vendor guide asks for one).`,
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
};
