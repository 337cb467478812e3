import { eligibleNodes, isPatchableTopologyKey, topologyDomains } from '../../snapshot/scheduling.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding, Fix } from '../finding.ts';
import { manualTemplateFix, workloadFix } from '../fixes.ts';
import { rolloutDeadlock, stuckRolloutNote } from '../rollout.ts';
import { maximumReplicas } from './replicas.ts';
import { withText } from '../check-text.ts';
import { t } from '../../i18n/index.ts';

/** A hand-made template edit is a rollout too. */
function withStuckRolloutNote(fix: Fix, note: string | undefined): Fix {
  return note && fix.type === 'manual' ? { ...fix, text: `${fix.text} ${note}` } : fix;
}

export const unschedulableMaxCheck = withText<Check>({
  id: 'HA003',
  category: 'ha',
  needs: ['nodes'],
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes')) return [];
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const spec = workload.object.spec.template.spec;
      const podLabels = workload.object.spec.template.metadata?.labels;
      // Only terms about the workload's own pods cap its replicas per domain.
      const terms = (spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) =>
        matchesSelector(t.labelSelector, podLabels),
      );
      if (!terms.length) continue;
      const nodes = eligibleNodes(spec, context.snapshot.nodes);
      if (!nodes.length) continue;
      const max = maximumReplicas(workload);
      const deadlock = rolloutDeadlock(workload, context.snapshot.nodes);
      const scaled = workload.hpas.length > 0;
      // Without an HPA the count is spec.replicas, not a maximum.
      const field = scaled ? 'maxReplicas' : 'replicas';
      for (const term of terms) {
        const { domains, nodesWithoutKey } = topologyDomains(nodes, term.topologyKey);
        if (nodesWithoutKey.length || max <= domains) continue;
        findings.push(
          finding(this, workloadRef(workload), {
            severity: 'error',
            message: t(scaled ? 'findings.HA003.scaled' : 'findings.HA003.replicas', {
              key: term.topologyKey,
              domains,
              max,
              pending: max - domains,
            }),
            evidence: { topologyKey: term.topologyKey, eligibleDomains: domains, eligibleNodes: nodes.length, [field]: max },
            fix: isPatchableTopologyKey(term.topologyKey)
              ? workloadFix(context, workload, { type: 'anti-affinity', topologyKey: term.topologyKey })
              : withStuckRolloutNote(
                  manualTemplateFix(workload, t('findings.HA003.fix', { key: term.topologyKey, field, domains })),
                  deadlock && stuckRolloutNote(workload, deadlock),
                ),
          }),
        );
      }
    }
    return findings;
  },
});
