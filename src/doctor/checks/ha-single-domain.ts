import type { Node } from '../../k8s/types.ts';
import { domainCount, eligibleNodes } from '../../snapshot/scheduling.ts';
import { isPodReady, nodeZone, zoneLabel, type Workload } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { workloadFix } from '../fixes.ts';

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

export const singleDomainCheck: Check = {
  id: 'HA002',
  category: 'ha',
  title: 'all ready replicas on one node, or in one zone while the pods may use several',
  explain: `The live placement defeats the replica count: every ready pod of the workload runs on a single node (or in a single zone) although the nodes the pods may use (nodeSelector, node affinity, taints) span several. Losing that node or zone loses the service. A workload pinned to a one-node or one-zone pool is not reported: spreading cannot help it.
Fix: add anti-affinity or topology spread, then restart the rollout so the scheduler spreads the pods (kubectl rollout restart).`,
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes')) return [];
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const live = livePlacement(workload, context.nodesByName);
      if (live.readyPods < 2 || (live.nodes.size > 1 && live.zones.size !== 1)) continue;
      const eligible = eligibleNodes(workload.object.spec.template.spec, context.snapshot.nodes);
      const eligibleZones = domainCount(eligible, zoneLabel);
      const evidence = {
        readyPods: live.readyPods,
        nodes: live.nodes.size,
        zones: live.zones.size,
        podsOnNodesWithoutZone: live.podsWithoutZone,
        eligibleNodes: eligible.length,
        eligibleZones,
        clusterZones: context.clusterZones,
      };
      if (live.nodes.size === 1 && eligible.length > 1) {
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'error',
            message: `all ${live.readyPods} ready pods run on one node of ${eligible.length} eligible.`,
            evidence,
            fix: workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'kubernetes.io/hostname' }),
          }),
        );
      } else if (live.zones.size === 1 && live.podsWithoutZone === 0 && eligibleZones > 1) {
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'warning',
            message: `all ${live.readyPods} ready pods run in one zone of ${eligibleZones} eligible.`,
            evidence,
            fix: workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'topology.kubernetes.io/zone' }),
          }),
        );
      }
    }
    return findings;
  },
};
