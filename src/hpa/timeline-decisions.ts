// What shaped one rescale: the metric's target and the value the decision implies, and the bound it met (min/max,
// the legacy scale-up limit, a behavior policy, a stabilization window). Pure; used by timeline.ts.
import type { HorizontalPodAutoscaler, MetricSpec, MetricTarget } from '../k8s/types.ts';
import { controllerDefaults, type ResolvedScalingRules, resolveBehavior } from './behavior.ts';
import type { NamedMetric, RescaleCause } from './event-messages.ts';

const ms = (time: string) => Date.parse(time);

export function targetText(target: MetricTarget | undefined): string | null {
  if (!target) return null;
  if (target.type === 'Utilization') return target.averageUtilization === undefined ? null : `${target.averageUtilization}%`;
  return target.averageValue ?? target.value ?? null;
}

export function specFor(metrics: MetricSpec[], named: NamedMetric): MetricTarget | undefined {
  for (const spec of metrics) {
    if (spec.type !== named.type) continue;
    const source = spec.resource ?? spec.containerResource;
    if (source && source.name === named.name) return source.target;
    const custom = spec.pods ?? spec.object ?? spec.external;
    if (custom && custom.metric.name === named.name) return custom.target;
  }
  return undefined;
}

/** For a utilization metric and an unclamped decision: the value range ceil(ratio × from) = to allows. */
export function impliedValue(named: NamedMetric, target: MetricTarget | undefined, from: number, to: number): string | null {
  const percent = target?.averageUtilization;
  if (!named.utilization || percent === undefined || from <= 0) return null;
  return to > from ? `> ${Math.floor((percent * (to - 1)) / from)}%` : `≤ ${Math.ceil((percent * to) / from)}%`;
}

/** The rate limit a change from `from` could reach; `moved` is what earlier rescales in the policies' periods already moved. */
function policyLimit(rules: ResolvedScalingRules, from: number, up: boolean, moved: (periodSeconds: number) => number): number | null {
  if (rules.selectPolicy === 'Disabled' || rules.policies.length === 0) return null;
  const limits = rules.policies.map((policy) => {
    const start = up ? from - moved(policy.periodSeconds) : from + moved(policy.periodSeconds);
    if (policy.type === 'Pods') return up ? start + policy.value : start - policy.value;
    return up ? Math.ceil(start * (1 + policy.value / 100)) : Math.trunc(start * (1 - policy.value / 100));
  });
  const widest = up === (rules.selectPolicy !== 'Min') ? Math.max(...limits) : Math.min(...limits);
  return widest;
}

type Direction = 'scaleUp' | 'scaleDown';

/**
 * The bound that shaped a decision, as data (the face spells it): min/max as they were then, the legacy scale-up
 * limit, a behavior policy, a stabilization window, or a ScalingLimited condition's reason.
 */
export type TimelineLimit =
  | { type: 'above-max' | 'below-min' | 'reached-max' | 'reached-min' | 'max' | 'min'; replicas: number }
  | { type: 'scale-up-limit' }
  | { type: 'rate-limit'; direction: Direction }
  | { type: 'policy'; direction: Direction; selectPolicy: 'Min' | 'Max'; policies: ResolvedScalingRules['policies'] }
  | { type: 'after-stabilization'; direction: Direction; seconds: number }
  | { type: 'stabilization'; seconds: number }
  | { type: 'condition'; reason: string };

/** A decision the metric alone made (no bound cut it short): its value can be inferred. */
export const unclamped = (limit: TimelineLimit | null) => limit === null || limit.type === 'after-stabilization';

export interface Rescale {
  time: string;
  to: number;
  from: number | null;
}

/** Which bound shaped a rescale from → to (section 1.7 and 2 of the controller's algorithm). */
export function limitOf(
  hpa: HorizontalPodAutoscaler,
  cause: RescaleCause,
  from: number | null,
  to: number,
  earlier: Rescale[],
  time: string,
): TimelineLimit | null {
  const min = hpa.spec.minReplicas ?? 1;
  const max = hpa.spec.maxReplicas;
  // The new size is the bound as it was then (the spec may have changed since).
  if (cause.type === 'above-max') return { type: 'above-max', replicas: to };
  if (cause.type === 'below-min') return { type: 'below-min', replicas: to };
  const behavior = resolveBehavior(hpa.spec.behavior);
  if (from === null) return null;
  const up = to > from;
  if (up && to === max) return { type: 'reached-max', replicas: max };
  if (!up && to === min) return { type: 'reached-min', replicas: min };
  if (!behavior) {
    if (up && to === Math.max(2 * from, 4)) return { type: 'scale-up-limit' };
    if (!up) return { type: 'after-stabilization', direction: 'scaleDown', seconds: controllerDefaults.downscaleStabilizationSeconds };
    return null;
  }
  const rules = up ? behavior.scaleUp : behavior.scaleDown;
  const direction: Direction = up ? 'scaleUp' : 'scaleDown';
  const moved = (periodSeconds: number) =>
    earlier
      .filter((r) => r.from !== null && ms(r.time) > ms(time) - periodSeconds * 1000 && r.to > r.from === up)
      .reduce((sum, r) => sum + Math.abs(r.to - (r.from as number)), 0);
  if (policyLimit(rules, from, up, moved) === to)
    return { type: 'policy', direction, selectPolicy: rules.selectPolicy === 'Min' ? 'Min' : 'Max', policies: rules.policies };
  if (rules.stabilizationWindowSeconds > 0) return { type: 'after-stabilization', direction, seconds: rules.stabilizationWindowSeconds };
  return null;
}
