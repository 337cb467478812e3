import { isWallarmController, sidecarOfContainer, sidecars } from '../../profiles/wallarm.ts';
import { helmReleaseOf } from '../../profiles/generic.ts';
import type { Container, HorizontalPodAutoscaler } from '../../snapshot/k8s.ts';
import type { Workload } from '../../snapshot/workloads.ts';
import { finding, hpaRef, type Check, type DoctorContext } from '../context.ts';
import type { Finding, Fix, Severity } from '../finding.ts';
import { workloadFix } from '../fixes.ts';

/** Resources whose Utilization target needs a request on every counted container. */
function resourcesNeedingRequests(hpa: HorizontalPodAutoscaler): { resource: string; container?: string }[] {
  return (hpa.spec.metrics ?? []).flatMap((m) => {
    if (m.type === 'Resource' && m.resource?.target.type === 'Utilization') return [{ resource: m.resource.name }];
    if (m.type === 'ContainerResource' && m.containerResource?.target.type === 'Utilization') return [{ resource: m.containerResource.name, container: m.containerResource.container }];
    return [];
  });
}

const suggested: Record<string, [string, string]> = { cpu: ['100m', '50m'], memory: ['128Mi', '64Mi'] };

function wallarmValuesNote(context: DoctorContext, sidecarPath: string, resource: string): string {
  const controller = context.workloads.find((w) => isWallarmController(w.object));
  const release = controller ? helmReleaseOf(controller.object) : undefined;
  const where = release ? `release ${release.namespace}/${release.name}` : 'the wallarm-sidecar release';
  return `The annotations replace the chart's resources for this container entirely (all four are written). For every injected pod instead, set ${sidecarPath}.requests.${resource} in the values of ${where}.`;
}

function fixFor(context: DoctorContext, workload: Workload, container: Container, resource: string): Fix {
  const sidecar = sidecarOfContainer(container.name);
  if (sidecar) {
    const value = suggested[resource]?.[1] ?? '50m';
    const fix = workloadFix(workload, `--sidecar ${sidecar} --requests ${resource}=${value}`);
    return fix.type === 'command' ? { ...fix, note: wallarmValuesNote(context, sidecars[sidecar].valuesPath, resource) } : fix;
  }
  const value = suggested[resource]?.[0] ?? '100m';
  return workloadFix(workload, `-c ${container.name} --requests ${resource}=${value}`);
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
      const sources = workload.pods.length ? workload.pods.map((p) => ({ pod: p.metadata.name, spec: p.spec })) : [{ pod: '(pod template)', spec: workload.object.spec.template.spec }];
      for (const { pod, spec } of sources) {
        const counted: [Container, Severity][] = [
          ...spec.containers.map((c): [Container, Severity] => [c, 'error']),
          ...(spec.initContainers ?? []).map((c): [Container, Severity] => [c, c.restartPolicy === 'Always' ? 'error' : 'warning']),
        ];
        for (const { resource, container: only } of needs) {
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
                evidence: { target: `${workload.kind}/${workload.name}`, pod, container: container.name, resource, injected, requests: container.resources?.requests ?? {} },
                fix: fixFor(context, workload, container, resource),
              }),
            );
          }
        }
      }
    }
    return findings;
  },
};
