import type { Container, Pod, PodSpec } from '../../k8s/types.ts';
import { newestRunningPod, type Workload } from '../../snapshot/workloads.ts';
import { guideLimitsOf, sidecarOfContainer } from '../../profiles/wallarm.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding, Fix } from '../finding.ts';
import { suggestedRequest, workloadFix } from '../fixes.ts';
import { barePodRef } from './ha-bare-pod.ts';
import { withText } from '../check-text.ts';
import { t, listText } from '../../i18n/index.ts';

/** The pod spec as it runs: the newest running pod's (injected containers included), else the template's. */
export function liveSpec(workload: Workload): PodSpec {
  return newestRunningPod(workload.pods)?.spec ?? workload.object.spec.template.spec;
}

export function liveContainers(workload: Workload): Container[] {
  return containersOf(liveSpec(workload));
}

const containersOf = (spec: PodSpec) => [...(spec.initContainers ?? []), ...spec.containers];

/** Limits asked of a container beyond the memory limit (a vendor guide's), and why. */
type GuideLimits = ReturnType<typeof guideLimitsOf>;

/**
 * What a container lacks: cpu/memory requests (pod-level requests stand in for them), else limits: memory always,
 * and what a vendor guide asks of that container.
 */
type Gap = { type: 'requests'; missing: string[] } | { type: 'limits'; missing: string[]; why: string | undefined };

function gapOf(container: Container, spec: PodSpec, guide: GuideLimits): Gap | undefined {
  const requests = container.resources?.requests ?? {};
  const podRequests = spec.resources?.requests ?? {};
  const missing = ['cpu', 'memory'].filter((r) => requests[r] === undefined && podRequests[r] === undefined);
  if (missing.length) return { type: 'requests', missing };
  const limits = container.resources?.limits ?? {};
  const asked = [...new Set(['memory', ...Object.keys(guide?.limits ?? {})])];
  const lacking = asked.filter((r) => limits[r] === undefined);
  if (!lacking.length) return undefined;
  return { type: 'limits', missing: lacking, why: lacking.some((r) => r !== 'memory') ? guide?.why : undefined };
}

/** The requests or limits to set for a gap, as a resources change. */
function gapResources(container: Container, gap: Gap, guide: GuideLimits) {
  if (gap.type === 'limits')
    return {
      limits: Object.fromEntries(
        gap.missing.map((r) => [
          r,
          r === 'memory' ? (container.resources?.requests?.memory ?? suggestedRequest('memory', container.name)) : guide!.limits[r]!,
        ]),
      ),
    };
  return {
    requests: Object.fromEntries(gap.missing.map((r) => [r, suggestedRequest(r, container.name, container.resources?.limits?.[r])])),
  };
}

function gapMessage(container: Container, gap: Gap): string {
  const params = { container: container.name, resources: listText(gap.missing) };
  if (gap.type === 'requests')
    return t(sidecarOfContainer(container.name) ? 'findings.RES001.noRequestInjected' : 'findings.RES001.noRequest', params);
  return gap.why ? t('findings.RES001.noLimitWhy', { ...params, why: gap.why }) : t('findings.RES001.noLimit', params);
}

/** A pod nobody re-creates is changed by re-creating it: a running pod's QoS class (set by its requests) cannot change. */
function barePodFix(pod: Pod, container: Container, gap: Gap): Fix {
  return {
    type: 'manual',
    text: t('findings.RES001.barePod', {
      pod: pod.metadata.name,
      namespace: pod.metadata.namespace,
      resources: JSON.stringify(gapResources(container, gap, undefined)),
      container: container.name,
    }),
  };
}

export const missingResourcesCheck = withText<Check>({
  id: 'RES001',
  category: 'resources',
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const spec = liveSpec(workload);
      for (const container of containersOf(spec)) {
        const guide = guideLimitsOf(workload.object, container.name);
        const gap = gapOf(container, spec, guide);
        if (!gap) continue;
        findings.push(
          finding(this, workloadRef(workload), {
            severity: gap.type === 'requests' ? 'warning' : 'info',
            message: gapMessage(container, gap),
            evidence: {
              container: container.name,
              ...(gap.type === 'requests'
                ? { missing: gap.missing, injected: Boolean(sidecarOfContainer(container.name)) }
                : { missingLimits: gap.missing }),
              resources: container.resources ?? {},
            },
            fix: workloadFix(context, workload, { type: 'resources', container: container.name, ...gapResources(container, gap, guide) }),
          }),
        );
      }
    }
    for (const pod of context.barePods) {
      for (const container of containersOf(pod.spec)) {
        const gap = gapOf(container, pod.spec, undefined);
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
});
