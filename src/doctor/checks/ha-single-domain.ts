import type { Node, PodSpec } from '../../k8s/types.ts';
import { domainCount, eligibleNodes } from '../../snapshot/scheduling.ts';
import { isPodReady, nodeZone, pendingPods, zoneLabel, type Workload } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { manualTemplateFix, workloadFix } from '../fixes.ts';
import { withText } from '../check-text.ts';
import { t, listText } from '../../i18n/index.ts';

interface LivePlacement {
  readyPods: number;
  nodes: Set<string>;
  zones: Set<string>;
  /** Ready pods on nodes without a zone label (or not in the snapshot): their zone is unknown. */
  podsWithoutZone: number;
}

function livePlacement(workload: Workload, nodesByName: Map<string, Node>): LivePlacement {
  const placement: LivePlacement = { readyPods: 0, nodes: new Set(), zones: new Set(), podsWithoutZone: 0 };
  for (const pod of workload.pods) {
    if (!isPodReady(pod) || !pod.spec.nodeName) continue;
    placement.readyPods++;
    placement.nodes.add(pod.spec.nodeName);
    const zone = nodeZone(nodesByName.get(pod.spec.nodeName));
    if (zone) placement.zones.add(zone);
    else placement.podsWithoutZone++;
  }
  return placement;
}

/** The pod spec without what ties it to particular nodes (nodeSelector, required node affinity); tolerations stay. */
function withoutNodePin(spec: PodSpec): PodSpec {
  const { nodeSelector: _, ...rest } = spec;
  return { ...rest, affinity: { ...spec.affinity, nodeAffinity: undefined } };
}

/** What in the spec pins the pods, in the words of the template's fields. */
function pinNames(spec: PodSpec): string {
  const names = [
    Object.keys(spec.nodeSelector ?? {}).length ? 'nodeSelector' : '',
    (spec.affinity?.nodeAffinity as { requiredDuringSchedulingIgnoredDuringExecution?: unknown } | undefined)
      ?.requiredDuringSchedulingIgnoredDuringExecution
      ? t('findings.HA002.requiredNodeAffinity')
      : '',
  ];
  const pins = names.filter(Boolean);
  return pins.length ? listText(pins) : t('findings.HA002.nodeConstraints');
}

export const singleDomainCheck = withText<Check>({
  id: 'HA002',
  category: 'ha',
  needs: ['pods', 'nodes'],
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes')) return [];
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const live = livePlacement(workload, context.nodesByName);
      if (live.readyPods < 2 || (live.nodes.size > 1 && live.zones.size !== 1)) continue;
      const spec = workload.object.spec.template.spec;
      const eligible = eligibleNodes(spec, context.snapshot.nodes);
      const eligibleZones = domainCount(eligible, zoneLabel);
      const oneZone = live.zones.size === 1 && live.podsWithoutZone === 0;
      const evidence = {
        readyPods: live.readyPods,
        nodes: live.nodes.size,
        zones: live.zones.size,
        podsOnNodesWithoutZone: live.podsWithoutZone,
        eligibleNodes: eligible.length,
        eligibleZones,
        clusterZones: context.clusterZones,
      };
      const pending = pendingPods(workload.pods);
      if (pending.length) Object.assign(evidence, { pendingPods: pending });
      const report = (severity: Finding['severity'], message: string, fix: Finding['fix'], more = {}) =>
        findings.push(finding(this, workloadRef(workload), { severity, message, evidence: { ...evidence, ...more }, fix }));
      if (live.nodes.size === 1 && eligible.length > 1) {
        report(
          'error',
          t('findings.HA002.oneNode', { ready: live.readyPods, eligible: eligible.length }),
          workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'kubernetes.io/hostname' }),
        );
        continue;
      }
      if (oneZone && eligibleZones > 1) {
        report(
          'warning',
          t('findings.HA002.oneZone', { ready: live.readyPods, eligible: eligibleZones }),
          workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'topology.kubernetes.io/zone' }),
        );
        continue;
      }
      // The spec pins the pods where they are: spreading cannot help, widening the pin can.
      const unpinned = eligibleNodes(withoutNodePin(spec), context.snapshot.nodes);
      const pin = pinNames(spec);
      const pinned = { nodeSelector: spec.nodeSelector ?? null, nodeAffinity: spec.affinity?.nodeAffinity ?? null };
      const [node] = live.nodes;
      if (live.nodes.size === 1 && unpinned.length > 1) {
        report(
          'warning',
          t('findings.HA002.pinnedNode', { ready: live.readyPods, node, pin, unpinned: unpinned.length }),
          manualTemplateFix(workload, t('findings.HA002.widenNodes', { pin })),
          { ...pinned, nodesWithoutThePin: unpinned.length },
        );
        continue;
      }
      const unpinnedZones = domainCount(unpinned, zoneLabel);
      if (oneZone && unpinnedZones > 1) {
        const [zone] = live.zones;
        report(
          'info',
          t('findings.HA002.pinnedZone', { ready: live.readyPods, zone, pin, unpinned: unpinnedZones }),
          manualTemplateFix(workload, t('findings.HA002.widenZones', { pin })),
          { ...pinned, zonesWithoutThePin: unpinnedZones },
        );
      }
    }
    return findings;
  },
});
