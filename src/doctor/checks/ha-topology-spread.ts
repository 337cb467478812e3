import type { TopologySpreadConstraint } from '../../k8s/types.ts';
import { eligibleNodes, topologyDomains, topologyValue } from '../../snapshot/scheduling.ts';
import { matchesSelector } from '../../k8s/selector.ts';
import { manualTemplateFix } from '../fixes.ts';
import { finding, workloadRef, type Check } from '../context.ts';
import type { Finding } from '../finding.ts';
import { maximumReplicas } from './replicas.ts';
import { withText } from '../check-text.ts';

/** k8s.ts does not type minDomains (beta in 1.27, GA in 1.30). */
type SpreadConstraint = TopologySpreadConstraint & { minDomains?: number };

const listed = (names: readonly string[]) =>
  names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');

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
            message: `DoNotSchedule topology spread on ${missing.join(' and ')}: none of the ${nodes.length} eligible nodes ${keys.length > 1 ? 'has all the keys' : 'has the label'}, so every pod stays Pending.`,
            evidence: { topologyKeys: keys, eligibleNodes: nodes.map((n) => n.metadata.name), nodesWithAllKeys: 0 },
            fix: manualTemplateFix(
              workload,
              `Set whenUnsatisfiable: ScheduleAnyway on the topology spread constraint${missing.length > 1 ? 's' : ''} for ${missing.join(' and ')} (or label the eligible nodes with ${missing.join(' and ')})`,
            ),
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
            message: `DoNotSchedule topology spread on ${key}: ${nodesWithoutKey.length} of ${nodes.length} eligible nodes lack the label (${listed(nodesWithoutKey)}), so no pod can run there.`,
            evidence: { topologyKey: key, eligibleNodes: nodes.length, nodesWithoutKey },
            fix: manualTemplateFix(
              workload,
              `Label ${listed(nodesWithoutKey)} with ${key}, or set whenUnsatisfiable: ScheduleAnyway on the topology spread constraint for ${key}`,
            ),
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
            message: `topology spread on ${constraint.topologyKey} asks for minDomains ${constraint.minDomains} but the eligible nodes span ${domains}: at most ${fits} pods (maxSkew ${constraint.maxSkew} per domain) fit, so ${max - fits} of up to ${max} replicas would stay Pending.`,
            evidence: {
              topologyKey: constraint.topologyKey,
              minDomains: constraint.minDomains,
              maxSkew: constraint.maxSkew,
              eligibleDomains: domains,
              eligibleNodes: placeable.length,
              maxReplicas: max,
            },
            fix: manualTemplateFix(
              workload,
              `Lower minDomains to ${domains} (or remove it) or set whenUnsatisfiable: ScheduleAnyway on the topology spread constraint for ${constraint.topologyKey}, or add nodes in more ${constraint.topologyKey} domains`,
            ),
          }),
        );
      }
    }
    return findings;
  },
});
