import { resolveIntOrPercent } from '../../quantity.ts';
import { domainCount, eligibleNodes } from '../../snapshot/scheduling.ts';
import { hostnameLabel } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import { workloadFix } from '../fixes.ts';

/** Deployment rolling-update maxUnavailable: default 25 %, rounded down. */
const maxUnavailable = (value: number | string | undefined, replicas: number) => resolveIntOrPercent(value ?? '25%', replicas, 'down');

export const rolloutDeadlockCheck: Check = {
  id: 'HA006',
  category: 'ha',
  title: 'rolling update can never progress (required anti-affinity on full nodes, maxUnavailable 0)',
  explain: `With required anti-affinity on hostname and as many replicas as eligible nodes, a surge pod has no node to go to; with maxUnavailable 0 (the default 25 % rounds down to 0 below 4 replicas) no old pod is removed first. The rollout hangs forever with one Pending pod.
Fix: preferred anti-affinity, or maxUnavailable: 1 in the Deployment strategy, or one more node.`,
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes')) return [];
    return context.workloads.flatMap((workload) => {
      if (workload.kind !== 'Deployment') return [];
      const spec = workload.object.spec;
      const required = spec.template.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
      if (!required.some((t) => t.topologyKey === hostnameLabel) || spec.strategy?.type === 'Recreate') return [];
      const replicas = spec.replicas ?? 1;
      const nodes = domainCount(eligibleNodes(spec.template.spec, context.snapshot.nodes), hostnameLabel);
      const unavailable = maxUnavailable(spec.strategy?.rollingUpdate?.maxUnavailable, replicas);
      if (replicas < nodes || unavailable > 0) return [];
      return [
        finding(this, workloadRef(workload), {
          severity: 'error',
          message: `${replicas} replicas with required hostname anti-affinity on ${nodes} eligible nodes and maxUnavailable 0: the next rollout deadlocks.`,
          evidence: { replicas, eligibleNodes: nodes, maxUnavailable: spec.strategy?.rollingUpdate?.maxUnavailable ?? '25% (default)', maxUnavailableResolved: unavailable },
          fix: workloadFix(context, workload, { type: 'anti-affinity', topologyKey: 'kubernetes.io/hostname' }),
        }),
      ];
    });
  },
};
