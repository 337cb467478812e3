import type { Container, Pod, PodSpec } from '../../k8s/types.ts';
import { newestRunningPod, type Workload } from '../../snapshot/workloads.ts';
import { sidecarOfContainer } from '../../profiles/wallarm.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding, Fix } from '../finding.ts';
import { suggestedRequest, workloadFix } from '../fixes.ts';
import { barePodRef } from './ha-bare-pod.ts';

/** The pod spec as it runs: the newest running pod's (injected containers included), else the template's. */
export function liveSpec(workload: Workload): PodSpec {
  return newestRunningPod(workload.pods)?.spec ?? workload.object.spec.template.spec;
}

export function liveContainers(workload: Workload): Container[] {
  return containersOf(liveSpec(workload));
}

const containersOf = (spec: PodSpec) => [...(spec.initContainers ?? []), ...spec.containers];

/** What a container lacks: cpu/memory requests (pod-level requests stand in for them), else a memory limit. */
type Gap = { type: 'requests'; missing: string[] } | { type: 'memory-limit' };

function gapOf(container: Container, spec: PodSpec): Gap | undefined {
  const requests = container.resources?.requests ?? {};
  const podRequests = spec.resources?.requests ?? {};
  const missing = ['cpu', 'memory'].filter((r) => requests[r] === undefined && podRequests[r] === undefined);
  if (missing.length) return { type: 'requests', missing };
  return container.resources?.limits?.memory === undefined ? { type: 'memory-limit' } : undefined;
}

/** The requests or limit to set for a gap, as a resources change. */
function gapResources(container: Container, gap: Gap) {
  if (gap.type === 'memory-limit')
    return { limits: { memory: container.resources?.requests?.memory ?? suggestedRequest('memory', container.name) } };
  return {
    requests: Object.fromEntries(gap.missing.map((r) => [r, suggestedRequest(r, container.name, container.resources?.limits?.[r])])),
  };
}

function gapMessage(container: Container, gap: Gap): string {
  const injected = sidecarOfContainer(container.name) ? ' (injected)' : '';
  return gap.type === 'requests'
    ? `container ${container.name}${injected} has no ${gap.missing.join(' and ')} request.`
    : `container ${container.name} has no memory limit.`;
}

/** A pod nobody re-creates is changed by re-creating it: a running pod's QoS class (set by its requests) cannot change. */
function barePodFix(pod: Pod, container: Container, gap: Gap): Fix {
  return {
    type: 'manual',
    text: `Re-create Pod ${pod.metadata.name} (namespace ${pod.metadata.namespace}) with ${JSON.stringify(gapResources(container, gap))} on container ${container.name}; better, run it as a Deployment.`,
  };
}

export const missingResourcesCheck: Check = {
  id: 'RES001',
  category: 'resources',
  title: 'containers without CPU/memory requests or memory limit',
  explain: `Requests are what the scheduler reserves and what HPA utilization is measured against; without them pods are BestEffort (first evicted) and HPAs on that resource show <unknown>. Without a memory limit one leaking container can push the node into OOM for every pod on it. Pods without a controller are checked too (their fix is to re-create them).
Fix: set requests (cpu and memory) on every container, and a memory limit.`,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const spec = liveSpec(workload);
      for (const container of containersOf(spec)) {
        const gap = gapOf(container, spec);
        if (!gap) continue;
        findings.push(
          finding(this, workloadRef(workload), {
            severity: gap.type === 'requests' ? 'warning' : 'info',
            message: gapMessage(container, gap),
            evidence: {
              container: container.name,
              ...(gap.type === 'requests' ? { missing: gap.missing, injected: Boolean(sidecarOfContainer(container.name)) } : {}),
              resources: container.resources ?? {},
            },
            fix: workloadFix(context, workload, { type: 'resources', container: container.name, ...gapResources(container, gap) }),
          }),
        );
      }
    }
    for (const pod of context.barePods) {
      for (const container of containersOf(pod.spec)) {
        const gap = gapOf(container, pod.spec);
        if (!gap) continue;
        findings.push(
          finding(this, barePodRef(pod), {
            severity: gap.type === 'requests' ? 'warning' : 'info',
            message: gapMessage(container, gap),
            evidence: { container: container.name, resources: container.resources ?? {}, controller: null },
            fix: barePodFix(pod, container, gap),
          }),
        );
      }
    }
    return findings;
  },
};
