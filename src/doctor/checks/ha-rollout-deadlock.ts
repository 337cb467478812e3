import { isPatchableTopologyKey } from '../../snapshot/scheduling.ts';
import { hostnameLabel } from '../../snapshot/workloads.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { manualTemplateFix, workloadFix } from '../fixes.ts';
import { rolloutDeadlock } from '../rollout.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

export const rolloutDeadlockCheck = withText<Check>({
  id: 'HA006',
  category: 'ha',
  needs: ['nodes'],
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes')) return [];
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const deadlock = rolloutDeadlock(workload, context.snapshot.nodes);
      if (!deadlock) continue;
      const { replicas, topologyKey, domains } = deadlock;
      const where =
        topologyKey === hostnameLabel ? t('findings.HA006.nodes', { domains }) : t('findings.HA006.domains', { domains, topologyKey });
      findings.push(
        finding(this, workloadRef(workload), {
          severity: 'error',
          message: t('findings.HA006.message', { replicas, topologyKey, where }),
          evidence: {
            replicas,
            topologyKey,
            eligibleDomains: domains,
            eligibleNodes: deadlock.eligibleNodes,
            maxUnavailable: deadlock.maxUnavailable,
            maxUnavailableResolved: 0,
          },
          fix: isPatchableTopologyKey(topologyKey)
            ? workloadFix(context, workload, { type: 'anti-affinity', topologyKey })
            : manualTemplateFix(workload, t('findings.HA006.fix', { key: topologyKey })),
        }),
      );
    }
    return findings;
  },
});
