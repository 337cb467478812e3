import { resolveIntOrPercent } from '../../k8s/quantity.ts';
import type { PodDisruptionBudget } from '../../k8s/types.ts';
import type { Workload } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { minimumReplicas } from './replicas.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

/** The disruption controller rounds PDB percentages up. */
const resolveCount = (value: number | string, replicas: number) => resolveIntOrPercent(value, replicas, 'up');

/** What a PDB guards: every workload its selector covers, counted together, as the disruption controller does. */
interface Budget {
  workloads: Workload[];
  /** Pods the PDB expects: status.expectedPods when the controller has computed it, else the sum of spec.replicas. */
  expected: number;
  expectedSource: 'status.expectedPods' | 'spec.replicas';
  /** Pods that must stay healthy: status.desiredHealthy when known, else resolved from the spec. */
  desiredHealthy: number | undefined;
  /** status.disruptionsAllowed, when the status is current. */
  disruptionsAllowed: number | undefined;
  /** The fewest pods the workloads run together (HPA minReplicas where an HPA scales them). */
  floor: number;
  hasHpa: boolean;
}

/** A status written for an older spec describes a budget that no longer exists. */
function currentStatus(pdb: PodDisruptionBudget): PodDisruptionBudget['status'] | undefined {
  const observed = (pdb.status as { observedGeneration?: number } | undefined)?.observedGeneration;
  const generation = pdb.metadata.generation;
  const fresh = observed === undefined || generation === undefined || observed >= generation;
  return fresh && (pdb.status?.expectedPods ?? 0) > 0 ? pdb.status : undefined;
}

function budgetOf(pdb: PodDisruptionBudget, workloads: Workload[]): Budget {
  const status = currentStatus(pdb);
  const expected = status?.expectedPods ?? workloads.reduce((sum, w) => sum + (w.object.spec.replicas ?? 1), 0);
  const { maxUnavailable, minAvailable } = pdb.spec;
  const fromSpec =
    maxUnavailable !== undefined
      ? expected - resolveCount(maxUnavailable, expected)
      : minAvailable !== undefined
        ? resolveCount(minAvailable, expected)
        : undefined;
  return {
    workloads,
    expected,
    expectedSource: status ? 'status.expectedPods' : 'spec.replicas',
    desiredHealthy: status?.desiredHealthy ?? fromSpec,
    disruptionsAllowed: status?.disruptionsAllowed,
    floor: workloads.reduce((sum, w) => sum + minimumReplicas(w), 0),
    hasHpa: workloads.some((w) => w.hpas.length > 0),
  };
}

export const pdbBlocksCheck = withText<Check>({
  id: 'HA005',
  category: 'ha',
  run(context) {
    const covered = new Map<PodDisruptionBudget, Workload[]>();
    for (const workload of context.workloads) for (const pdb of workload.pdbs) covered.set(pdb, [...(covered.get(pdb) ?? []), workload]);
    const findings: Finding[] = [];
    for (const [pdb, workloads] of covered) {
      const budget = budgetOf(pdb, workloads);
      const problem = blocking(pdb, budget);
      if (!problem) continue;
      const covers = workloads.map((w) => `${w.kind}/${w.name}`).join(', ');
      for (const workload of workloads) {
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'warning',
            message:
              workloads.length > 1
                ? t('findings.HA005.together', { pdb: pdb.metadata.name, problem, covers })
                : t('findings.HA005.message', { pdb: pdb.metadata.name, problem }),
            evidence: {
              pdb: pdb.metadata.name,
              minAvailable: pdb.spec.minAvailable,
              maxUnavailable: pdb.spec.maxUnavailable,
              workloads: workloads.map((w) => `${w.kind}/${w.name}`),
              expectedPods: budget.expected,
              expectedPodsFrom: budget.expectedSource,
              desiredHealthy: budget.desiredHealthy,
              minimumReplicas: budget.floor,
              disruptionsAllowed: pdb.status?.disruptionsAllowed,
            },
            fix: {
              type: 'kubectl-patch',
              resource: 'pdb',
              namespace: workload.namespace,
              name: pdb.metadata.name,
              patchType: 'merge',
              patch: { spec: { minAvailable: null, maxUnavailable: 1 } },
            },
          }),
        );
      }
    }
    return findings;
  },
});

function blocking(pdb: PodDisruptionBudget, budget: Budget): string | undefined {
  const { maxUnavailable, minAvailable } = pdb.spec;
  if (maxUnavailable === undefined && minAvailable === undefined) return t('findings.HA005.neither');
  const { expected, desiredHealthy, floor } = budget;
  // The controller allowing a disruption right now outweighs arithmetic on a possibly stale replica count.
  const allowsNow = (budget.disruptionsAllowed ?? 0) > 0;
  if (!allowsNow && maxUnavailable !== undefined && resolveCount(maxUnavailable, expected) === 0)
    return t('findings.HA005.maxUnavailableZero');
  if (!allowsNow && desiredHealthy !== undefined && expected > 0 && desiredHealthy >= expected)
    return t('findings.HA005.allRequired', { desiredHealthy, expected });
  if (minAvailable === undefined || !budget.hasHpa) return undefined;
  const neededAtFloor = resolveCount(minAvailable, floor);
  if (neededAtFloor < floor) return undefined;
  return budget.workloads.length > 1
    ? t('findings.HA005.aboveFloorTogether', { needed: neededAtFloor, workloads: budget.workloads.length, floor })
    : t('findings.HA005.aboveFloor', { needed: neededAtFloor, floor });
}
