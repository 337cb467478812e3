import { spreadOf } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { workloadFix } from '../fixes.ts';

export const singleDomainCheck: Check = {
  id: 'HA002',
  category: 'ha',
  title: 'all ready replicas on one node, or in one zone of a multi-zone cluster',
  explain: `The live placement defeats the replica count: every ready pod of the workload runs on a single node (or in a single zone while the cluster has several). Losing that node or zone loses the service.
Fix: add anti-affinity or topology spread, then restart the rollout so the scheduler spreads the pods (kubectl rollout restart).`,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const spread = spreadOf(workload, context.nodesByName, context.clusterZones);
      if (spread.readyPods < 2) continue;
      const evidence = { readyPods: spread.readyPods, nodes: spread.nodes, zones: spread.zones, clusterZones: spread.clusterZones };
      if (spread.nodes === 1 && context.nodesByName.size > 1) {
        findings.push(finding(this, workloadRef(workload), { severity: 'error', message: `all ${spread.readyPods} ready pods run on one node.`, evidence, fix: workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'kubernetes.io/hostname' }) }));
      } else if (spread.zones === 1 && spread.clusterZones > 1) {
        findings.push(finding(this, workloadRef(workload), { severity: 'warning', message: `all ${spread.readyPods} ready pods run in one zone of ${spread.clusterZones}.`, evidence, fix: workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'topology.kubernetes.io/zone' }) }));
      }
    }
    return findings;
  },
};
