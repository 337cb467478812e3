import type { Container, PodSpec } from '../../k8s/types.ts';
import { newestRunningPod, type Workload } from '../../snapshot/workloads.ts';
import { sidecarOfContainer } from '../../profiles/wallarm.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { suggestedRequest, workloadFix } from '../fixes.ts';

/** The pod spec as it runs: the newest running pod's (injected containers included), else the template's. */
export function liveSpec(workload: Workload): PodSpec {
  return newestRunningPod(workload.pods)?.spec ?? workload.object.spec.template.spec;
}

export function liveContainers(workload: Workload): Container[] {
  const spec = liveSpec(workload);
  return [...(spec.initContainers ?? []), ...spec.containers];
}

export const missingResourcesCheck: Check = {
  id: 'RES001',
  category: 'resources',
  title: 'containers without CPU/memory requests or memory limit',
  explain: `Requests are what the scheduler reserves and what HPA utilization is measured against; without them pods are BestEffort (first evicted) and HPAs on that resource show <unknown>. Without a memory limit one leaking container can push the node into OOM for every pod on it.
Fix: set requests (cpu and memory) on every container, and a memory limit.`,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      for (const container of liveContainers(workload)) {
        const requests = container.resources?.requests ?? {};
        // Pod-level requests (PodLevelResources) stand in for the containers'.
        const podRequests = liveSpec(workload).resources?.requests ?? {};
        const missing = ['cpu', 'memory'].filter((r) => requests[r] === undefined && podRequests[r] === undefined);
        const sidecar = sidecarOfContainer(container.name);
        if (missing.length) {
          findings.push(
            finding(this, workloadRef(workload), {
              severity: 'warning',
              message: `container ${container.name}${sidecar ? ' (injected)' : ''} has no ${missing.join(' and ')} request.`,
              evidence: { container: container.name, injected: Boolean(sidecar), resources: container.resources ?? {} },
              fix: workloadFix(context, workload, {
                type: 'resources',
                container: container.name,
                requests: Object.fromEntries(
                  missing.map((r) => [r, suggestedRequest(r, container.name, container.resources?.limits?.[r])]),
                ),
              }),
            }),
          );
        } else if (container.resources?.limits?.memory === undefined) {
          findings.push(
            finding(this, workloadRef(workload), {
              severity: 'info',
              message: `container ${container.name} has no memory limit.`,
              evidence: { container: container.name, resources: container.resources ?? {} },
              fix: workloadFix(context, workload, {
                type: 'resources',
                container: container.name,
                limits: { memory: requests.memory ?? suggestedRequest('memory', container.name) },
              }),
            }),
          );
        }
      }
    }
    return findings;
  },
};
