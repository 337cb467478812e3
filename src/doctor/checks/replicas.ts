import type { Workload } from '../../snapshot/workloads.ts';

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
