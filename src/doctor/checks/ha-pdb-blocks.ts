import { resolveIntOrPercent } from '../../quantity.ts';
import type { PodDisruptionBudget } from '../../snapshot/k8s.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { minimumReplicas } from './replicas.ts';

/** The disruption controller rounds PDB percentages up. */
const resolveCount = (value: number | string, replicas: number) => resolveIntOrPercent(value, replicas, 'up');

export const pdbBlocksCheck: Check = {
  id: 'HA005',
  category: 'ha',
  title: 'PodDisruptionBudget blocks every eviction, or asks for more pods than the HPA keeps',
  explain: `A PDB with maxUnavailable 0, or minAvailable equal to (or above) the replica count, allows no voluntary eviction at all: node drains hang and cluster upgrades stall. A minAvailable above the HPA's minReplicas blocks drains whenever the HPA has scaled down.
Fix: maxUnavailable: 1 (or minAvailable below the HPA's minReplicas).`,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const replicas = workload.object.spec.replicas ?? 1;
      const floor = minimumReplicas(workload);
      for (const pdb of workload.pdbs) {
        const problem = blocking(pdb, replicas, floor, workload.hpas.length > 0);
        if (!problem) continue;
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'warning',
            message: `PodDisruptionBudget ${pdb.metadata.name} ${problem}.`,
            evidence: { pdb: pdb.metadata.name, minAvailable: pdb.spec.minAvailable, maxUnavailable: pdb.spec.maxUnavailable, replicas, hpaMinReplicas: workload.hpas[0]?.spec.minReplicas, disruptionsAllowed: pdb.status?.disruptionsAllowed },
            fix: { type: 'command', command: `kubectl patch pdb ${pdb.metadata.name} -n ${workload.namespace} --type merge -p '{"spec":{"minAvailable":null,"maxUnavailable":1}}'` },
          }),
        );
      }
    }
    return findings;
  },
};

function blocking(pdb: PodDisruptionBudget, replicas: number, floor: number, hasHpa: boolean): string | undefined {
  const { maxUnavailable, minAvailable } = pdb.spec;
  if (maxUnavailable !== undefined && resolveCount(maxUnavailable, replicas) === 0) return 'has maxUnavailable 0: no pod can ever be evicted';
  if (minAvailable === undefined) return undefined;
  const needed = resolveCount(minAvailable, replicas);
  if (needed >= replicas) return `requires ${needed} of ${replicas} pods available: no pod can ever be evicted`;
  if (hasHpa && needed >= floor) return `requires ${needed} pods available but the HPA may scale down to ${floor}: drains block at low load`;
  return undefined;
}
