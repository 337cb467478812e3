import { arenaBytes, arenaEnv, isWallarmPostanalytics, storeContainers } from '../../profiles/wallarm.ts';
import { storeMemoryShortfall } from '../../profiles/wallarm-arena.ts';
import { formatBytes, tryParseQuantity } from '../../k8s/quantity.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { workloadFix } from '../fixes.ts';
import { liveContainers } from './res-missing-requests.ts';
import { withText } from '../check-text.ts';
import { t, listText } from '../../i18n/index.ts';

export const wallarmArenaCheck = withText<Check>({
  id: 'RES002',
  category: 'resources',
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
            message: t(shortfall.oomKilled ? 'findings.RES002.oomKilled' : 'findings.RES002.message', {
              container: container.name,
              fields: listText(short),
              count: short.length,
              arena: formatBytes(arena),
            }),
            evidence: {
              container: container.name,
              arena: formatBytes(arena),
              requests: container.resources?.requests ?? {},
              limits: container.resources?.limits ?? {},
              chart: store.charts,
            },
            fix: workloadFix(context, workload, change, {
              why: t('findings.RES002.why', { arena: formatBytes(arena), env: arenaEnv, path: store.arenaPath }),
            }),
          }),
        );
      }
    }
    return findings;
  },
});
