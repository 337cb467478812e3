import { arenaBytes, arenaEnv, isWallarmPostanalytics, storeContainers } from '../../profiles/wallarm.ts';
import { storeMemoryShortfall } from '../../profiles/wallarm-arena.ts';
import { formatBytes, tryParseQuantity } from '../../k8s/quantity.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { workloadFix } from '../fixes.ts';
import { liveContainers } from './res-missing-requests.ts';

export const wallarmArenaCheck: Check = {
  id: 'RES002',
  category: 'resources',
  title: 'Wallarm store memory request or limit below the arena',
  explain: `The postanalytics store (wstore on charts ≥ 6.0, tarantool on ≤ 5.x) allocates its whole memory arena (postanalytics.*.config.arena, in GB) at start. A memory limit below the arena gets the container OOM-killed in a loop; a request below it lets the scheduler overcommit the node. The Wallarm guide requires both request and limit ≥ arena.
Fix: set postanalytics.wstore.resources (or .tarantool. on ≤ 5.x) requests.memory and limits.memory above the arena in the release values, then helm upgrade with the previous values kept (kubectl scale-ha patch takes that helm route). A request may not exceed its limit: raising the request above the current limit raises the limit with it.`,
  run(context) {
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      if (!isWallarmPostanalytics(workload.object)) continue;
      for (const container of liveContainers(workload)) {
        const store = storeContainers.find((s) => s.container === container.name);
        const arena = store ? arenaBytes(container) : undefined;
        if (!store || arena === undefined) continue;
        const request = tryParseQuantity(container.resources?.requests?.memory ?? '');
        const limit = tryParseQuantity(container.resources?.limits?.memory ?? '');
        const shortfall = storeMemoryShortfall(arena, request, limit);
        if (!shortfall) continue;
        const { short, wanted } = shortfall;
        // Raise only what is short, never lower a larger value the user chose; workloadFix raises a limit the
        // new request would pass (request 1280Mi with the 1Gi limit kept is rejected).
        const change = {
          type: 'resources' as const,
          container: container.name,
          ...(wanted.requests ? { requests: { memory: wanted.requests } } : {}),
          ...(wanted.limits ? { limits: { memory: wanted.limits } } : {}),
        };
        findings.push(
          finding(this, workloadRef(workload), {
            severity: shortfall.oomKilled ? 'error' : 'warning',
            message: `store container ${container.name}: memory ${short.join(' and ')} ${short.length > 1 ? 'are' : 'is'} below the arena of ${formatBytes(arena)}${shortfall.oomKilled ? ' (it will be OOM-killed)' : ''}.`,
            evidence: {
              container: container.name,
              arena: formatBytes(arena),
              requests: container.resources?.requests ?? {},
              limits: container.resources?.limits ?? {},
              chart: store.charts,
            },
            fix: workloadFix(context, workload, change, {
              why: `Arena ${formatBytes(arena)} read from the pod's ${arenaEnv} (set by ${store.arenaPath}).`,
            }),
          }),
        );
      }
    }
    return findings;
  },
};
