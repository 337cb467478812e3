import { singleReplicaReason } from '../../profiles/apigee.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { workloadFix } from '../fixes.ts';

export const singleReplicaCheck: Check = {
  id: 'HA008',
  category: 'ha',
  title: 'a single replica and no HPA: any restart is an outage',
  explain: `A Deployment or StatefulSet with replicas 1 (or unset) and no HPA runs one pod: a node drain, an eviction, a crash or a rollout of a StatefulSet takes the service down until a new pod is ready. The other HA checks (spread, PDB) have nothing to work with. Components that must run alone are not reported (the Apigee watcher is leader-elected). A workload whose HPA keeps minReplicas 1 is HPA008's case.
Fix: replicas 2 (through the helm values or the Apigee CR that renders the workload), then spread them (HA001).`,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const replicas = workload.object.spec.replicas;
      // 0 is a deliberate stop; a workload an HPA scales is judged by its minReplicas (HPA008).
      if (workload.hpas.length || (replicas ?? 1) !== 1 || singleReplicaReason(workload.object)) continue;
      findings.push(
        finding(this, workloadRef(workload), {
          severity: 'warning',
          message: `runs a single replica${replicas === undefined ? ' (spec.replicas unset)' : ''} and no HPA scales it: a drain, eviction or crash takes it down until a new pod is ready.`,
          evidence: { replicas: replicas ?? null, hpas: [] },
          fix: workloadFix(
            context,
            workload,
            { type: 'replicas', replicas: 2 },
            { why: 'Spread the two replicas too (anti-affinity), or a single node still holds both.' },
          ),
        }),
      );
    }
    return findings;
  },
};
