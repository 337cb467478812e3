import type { Workload } from '../../snapshot/workloads.ts';
import { t } from '../../i18n/index.ts';

/** The fewest replicas the workload runs: the HPA's minReplicas when one scales it, else spec.replicas. */
export function minimumReplicas(workload: Workload): number {
  const hpa = workload.hpas[0];
  return hpa ? (hpa.spec.minReplicas ?? 1) : (workload.object.spec.replicas ?? 1);
}

/** The most replicas the workload may run. */
export function maximumReplicas(workload: Workload): number {
  const hpa = workload.hpas[0];
  return hpa ? hpa.spec.maxReplicas : (workload.object.spec.replicas ?? 1);
}

/** The replicas a workload runs now, or its HPA's minimum when that is higher: what spreading and PDBs protect. */
export function countedReplicas(workload: Workload): number {
  return Math.max(workload.object.spec.replicas ?? 1, minimumReplicas(workload));
}

/** "3 replicas (HPA minReplicas 2)": the count, and an HPA-scaled workload's floor when it runs more. */
export function replicasText(workload: Workload): string {
  const counted = countedReplicas(workload);
  const min = minimumReplicas(workload);
  return workload.hpas.length && min !== counted
    ? t('findings.replicas.withMinimum', { count: counted, min })
    : t('findings.replicas.count', { count: counted });
}
