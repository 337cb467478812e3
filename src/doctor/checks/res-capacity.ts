import { formatBytes, formatCpu, tryParseQuantity } from '../../k8s/quantity.ts';
import type { Container, PodSpec } from '../../k8s/types.ts';
import { eligibleNodes } from '../../snapshot/scheduling.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { maximumReplicas } from './replicas.ts';
import { liveSpec } from './res-missing-requests.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

const requestOf = (c: Container, resource: string) => tryParseQuantity(c.resources?.requests?.[resource] ?? '0') ?? 0;

/**
 * What the scheduler reserves for one pod: containers and sidecar (restartable) init containers run
 * together; a plain init container runs alone before them, beside the sidecars started earlier.
 */
export function podRequest(spec: PodSpec, resource: string): number {
  const podLevel = spec.resources?.requests?.[resource];
  if (podLevel !== undefined) return tryParseQuantity(podLevel) ?? 0;
  let sidecars = 0;
  let initPeak = 0;
  for (const init of spec.initContainers ?? []) {
    if (init.restartPolicy === 'Always') sidecars += requestOf(init, resource);
    else initPeak = Math.max(initPeak, sidecars + requestOf(init, resource));
  }
  const running = spec.containers.reduce((sum, c) => sum + requestOf(c, resource), sidecars);
  return Math.max(running, initPeak);
}

export const capacityCheck = withText<Check>({
  id: 'RES003',
  category: 'resources',
  needs: ['nodes'],
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes') || !context.snapshot.nodes.length) return [];
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      if (!workload.hpas.length) continue;
      const max = maximumReplicas(workload);
      const nodes = eligibleNodes(workload.object.spec.template.spec, context.snapshot.nodes);
      const spec = liveSpec(workload);
      for (const [resource, format] of [
        ['cpu', formatCpu],
        ['memory', formatBytes],
      ] as const) {
        const perPod = podRequest(spec, resource);
        const allocatable = nodes.reduce((sum, n) => sum + (tryParseQuantity(n.status?.allocatable?.[resource] ?? '0') ?? 0), 0);
        // allocatable 0 means the nodes have not reported capacity yet: unknown, not full.
        if (perPod === 0 || allocatable === 0 || perPod * max <= allocatable) continue;
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'warning',
            message: t('findings.RES003.message', {
              max,
              requested: format(perPod * max),
              resource,
              allocatable: format(allocatable),
              nodes: nodes.length,
            }),
            evidence: {
              resource,
              perPodRequest: format(perPod),
              maxReplicas: max,
              eligibleNodes: nodes.length,
              allocatable: format(allocatable),
            },
            fix: {
              type: 'manual',
              text: t('findings.RES003.fix', { max: Math.max(1, Math.floor(allocatable / perPod)), resource }),
            },
          }),
        );
      }
    }
    return findings;
  },
});
