// One finding per root cause: a finding that follows from another one's cause (and goes away with its fix)
// is kept as that finding's evidence, not reported beside it. Pure.
import type { Snapshot } from '../snapshot/types.ts';
import { severityRank, type Finding, type RelatedFinding } from './finding.ts';

/**
 * `effect` follows from `cause` when both are about the same object (or, with `sameWorkload`, the same workload:
 * an HPA stands for its target) and `follows` holds. The cause's fix must also make the effect go away.
 */
interface CauseRule {
  cause: string;
  effect: string;
  sameWorkload?: boolean;
  follows(cause: Finding, effect: Finding): boolean;
}

/** The HPA conditions a metrics read failure leaves, by the metric type that failed. */
const metricReadReasons: Record<string, string[]> = {
  Resource: ['FailedGetResourceMetric'],
  ContainerResource: ['FailedGetContainerResourceMetric'],
  Pods: ['FailedGetPodsMetric'],
  Object: ['FailedGetObjectMetric'],
  External: ['FailedGetExternalMetric'],
};

const pendingMessages = (finding: Finding) =>
  ((finding.evidence.pendingPods ?? []) as { message?: string }[]).map((pod) => pod.message ?? '').join('\n');
const reasonOf = (finding: Finding) => finding.evidence.reason;
const always = () => true;

/** Checked in order: an effect goes under the first cause that claims it. */
export const causeRules: readonly CauseRule[] = [
  {
    cause: 'HPA001',
    effect: 'HPA002',
    follows: (c, e) => metricReadReasons[String(c.evidence.metricType)]?.includes(String(reasonOf(e))) ?? false,
  },
  { cause: 'HPA004', effect: 'HPA002', follows: (_, e) => reasonOf(e) === 'FailedGetScale' },
  { cause: 'HPA019', effect: 'HPA002', follows: (_, e) => reasonOf(e) === 'FailedGetScale' },
  {
    cause: 'HPA003',
    effect: 'HPA002',
    follows: (c, e) =>
      c.severity === 'error' && [...metricReadReasons.Resource!, ...metricReadReasons.ContainerResource!].includes(String(reasonOf(e))),
  },
  {
    cause: 'HPA003',
    effect: 'RES001',
    sameWorkload: true,
    follows: (c, e) =>
      c.evidence.container === e.evidence.container && ((e.evidence.missing ?? []) as string[]).includes(String(c.evidence.resource)),
  },
  // Capped at a stale maxReplicas that the CR already raised.
  { cause: 'HPA020', effect: 'HPA009', follows: (c) => Number(c.evidence.crMaxReplicas ?? 0) > Number(c.evidence.hpaMaxReplicas) },
  // Pods on one node or zone for want of spreading, not because the spec pins them there.
  { cause: 'HA001', effect: 'HA002', follows: (_, e) => !('nodesWithoutThePin' in e.evidence || 'zonesWithoutThePin' in e.evidence) },
  { cause: 'HA003', effect: 'HA006', follows: (c, e) => c.evidence.topologyKey === e.evidence.topologyKey },
  { cause: 'HA003', effect: 'HA009', follows: (_, e) => /anti-affinity/i.test(pendingMessages(e)) },
  { cause: 'HA006', effect: 'HA009', follows: (_, e) => /anti-affinity/i.test(pendingMessages(e)) },
  { cause: 'HA007', effect: 'HA009', follows: (_, e) => /topology spread/i.test(pendingMessages(e)) },
  // A rollout stops when its new pods cannot be placed.
  { cause: 'HA009', effect: 'HA011', follows: always },
  { cause: 'HA006', effect: 'HA011', follows: always },
];

const objectKey = (f: Pick<Finding, 'namespace' | 'kind' | 'name'>) => `${f.namespace}/${f.kind}/${f.name}`;

/** The workload a finding is about: an HPA stands for its scale target. */
function workloadKeyOf(snapshot: Snapshot): (finding: Finding) => string {
  const targets = new Map(
    snapshot.hpas.map((hpa) => {
      const ref = hpa.spec.scaleTargetRef;
      const namespace = hpa.metadata.namespace ?? 'default';
      return [objectKey({ namespace, kind: 'HorizontalPodAutoscaler', name: hpa.metadata.name }), objectKey({ namespace, ...ref })];
    }),
  );
  return (finding) => targets.get(objectKey(finding)) ?? objectKey(finding);
}

function relatedOf(finding: Finding): RelatedFinding {
  const { fix: _, related: __, ...rest } = finding;
  return rest;
}

/**
 * The findings with every effect moved under its root cause (`related`, in report order). A root takes the
 * worst severity of its group: what follows from a cause is what the cause costs.
 */
export function groupByRootCause(findings: readonly Finding[], snapshot: Snapshot): Finding[] {
  const workloadKey = workloadKeyOf(snapshot);
  const byId = new Map<string, Finding[]>();
  for (const f of findings) byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  const parent = new Map<Finding, Finding>();
  const rootOf = (finding: Finding): Finding => {
    let root = finding;
    for (let next = parent.get(root); next; next = parent.get(root)) root = next;
    return root;
  };
  for (const effect of findings) {
    for (const rule of causeRules) {
      if (rule.effect !== effect.id) continue;
      const subject = rule.sameWorkload ? workloadKey : objectKey;
      // A cause that already follows from this effect would close a loop.
      const cause = byId
        .get(rule.cause)
        ?.find((c) => c !== effect && subject(c) === subject(effect) && rule.follows(c, effect) && rootOf(c) !== effect);
      if (cause) {
        parent.set(effect, cause);
        break;
      }
    }
  }
  const groups = new Map<Finding, Finding[]>();
  for (const f of findings) {
    const root = rootOf(f);
    if (root !== f) groups.set(root, [...(groups.get(root) ?? []), f]);
  }
  return findings.flatMap((f) => {
    if (rootOf(f) !== f) return [];
    const related = groups.get(f);
    if (!related) return [f];
    const worst = related.reduce((s, r) => (severityRank[r.severity] > severityRank[s] ? r.severity : s), f.severity);
    return [{ ...f, severity: worst, related: related.map(relatedOf) }];
  });
}
