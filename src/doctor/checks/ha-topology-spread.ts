import type { TopologySpreadConstraint } from '../../k8s/types.ts';
import { eligibleNodes, topologyDomains, topologyValue } from '../../snapshot/scheduling.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import { manualTemplateFix } from '../fixes.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { maximumReplicas } from './replicas.ts';
import { withText } from '../check-text.ts';
import { t, listText } from '../../i18n/index.ts';

/** k8s.ts does not type minDomains (beta in 1.27, GA in 1.30). */
type SpreadConstraint = TopologySpreadConstraint & { minDomains?: number };

const listed = (names: readonly string[]) =>
  names.length > 3 ? t('findings.HA007.andMore', { names: names.slice(0, 3).join(', '), count: names.length - 3 }) : names.join(', ');

export const topologySpreadCheck = withText<Check>({
  id: 'HA007',
  category: 'ha',
  needs: ['nodes'],
  run(context) {
    if (context.snapshot.missing.some((m) => m.resource === 'nodes')) return [];
    const findings: Finding[] = [];
    for (const workload of context.workloads) {
      const spec = workload.object.spec.template.spec;
      const strict = ((spec.topologySpreadConstraints ?? []) as SpreadConstraint[]).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
      if (!strict.length) continue;
      const nodes = eligibleNodes(spec, context.snapshot.nodes);
      if (!nodes.length) continue;
      const keys = [...new Set(strict.map((c) => c.topologyKey))];
      // The scheduler filters out nodes missing any of the keys, and counts domains only on the rest.
      const placeable = nodes.filter((node) => keys.every((key) => topologyValue(node, key) !== undefined));
      const ref = workloadRef(workload);
      if (!placeable.length) {
        const missing = keys.filter((key) => topologyDomains(nodes, key).nodesWithoutKey.length);
        findings.push(
          finding(this, ref, {
            severity: 'error',
            message: t(keys.length > 1 ? 'findings.HA007.noNodeHasKeys' : 'findings.HA007.noNodeHasLabel', {
              keys: listText(missing),
              nodes: nodes.length,
            }),
            evidence: { topologyKeys: keys, eligibleNodes: nodes.map((n) => n.metadata.name), nodesWithAllKeys: 0 },
            fix: manualTemplateFix(workload, t('findings.HA007.noNodeFix', { count: missing.length, keys: listText(missing) })),
          }),
        );
        continue;
      }
      for (const key of keys) {
        const { nodesWithoutKey } = topologyDomains(nodes, key);
        if (!nodesWithoutKey.length) continue;
        findings.push(
          finding(this, ref, {
            severity: 'warning',
            message: t('findings.HA007.someLackLabel', {
              key,
              lacking: nodesWithoutKey.length,
              nodes: nodes.length,
              names: listed(nodesWithoutKey),
            }),
            evidence: { topologyKey: key, eligibleNodes: nodes.length, nodesWithoutKey },
            fix: manualTemplateFix(workload, t('findings.HA007.someLackLabelFix', { names: listed(nodesWithoutKey), key })),
          }),
        );
      }
      const podLabels = workload.object.spec.template.metadata?.labels;
      const max = maximumReplicas(workload);
      for (const constraint of strict) {
        // Whether a constraint over other pods blocks depends on those pods: only judge the workload's own.
        if (constraint.minDomains === undefined || !matchesSelector(constraint.labelSelector, podLabels)) continue;
        const { domains } = topologyDomains(placeable, constraint.topologyKey);
        const fits = domains * constraint.maxSkew;
        if (constraint.minDomains <= domains || max <= fits) continue;
        findings.push(
          finding(this, ref, {
            severity: 'error',
            message: t('findings.HA007.minDomains', {
              key: constraint.topologyKey,
              minDomains: constraint.minDomains,
              domains,
              fits,
              maxSkew: constraint.maxSkew,
              pending: max - fits,
              max,
            }),
            evidence: {
              topologyKey: constraint.topologyKey,
              minDomains: constraint.minDomains,
              maxSkew: constraint.maxSkew,
              eligibleDomains: domains,
              eligibleNodes: placeable.length,
              maxReplicas: max,
            },
            fix: manualTemplateFix(workload, t('findings.HA007.minDomainsFix', { domains, key: constraint.topologyKey })),
          }),
        );
      }
    }
    return findings;
  },
});
