// autoscaling/v2 behavior defaults: what the API server fills in, and what the controller adds. Pure.
import { tryParseQuantity } from '../k8s/quantity.ts';
import type { HPABehavior, HPAScalingPolicy, HPAScalingRules } from '../k8s/types.ts';

export type SelectPolicy = 'Max' | 'Min' | 'Disabled';

/** Scaling rules with every field the controller reads filled in. */
export interface ResolvedScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: SelectPolicy;
  policies: HPAScalingPolicy[];
  /** Per-direction tolerance (HPAConfigurableTolerance); undefined means the controller flag. */
  tolerance: number | undefined;
}

export interface ResolvedBehavior {
  scaleUp: ResolvedScalingRules;
  scaleDown: ResolvedScalingRules;
}

/** kube-controller-manager flag defaults (kubernetes pkg/controller/podautoscaler/config/v1alpha1/defaults.go). */
export const controllerDefaults = {
  syncPeriodSeconds: 15,
  tolerance: 0.1,
  downscaleStabilizationSeconds: 300,
  cpuInitializationPeriodSeconds: 300,
  initialReadinessDelaySeconds: 30,
} as const;

/**
 * The API server's defaults for a non-nil behavior (kubernetes pkg/apis/autoscaling/v2/defaults.go); the "per 60 seconds"
 * in the API type's comment (staging/src/k8s.io/api/autoscaling/v2/types.go) is stale.
 */
export const defaultScaleUpRules: Readonly<HPAScalingRules> = Object.freeze<HPAScalingRules>({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
});

/** scaleDown's window stays unset: the controller uses its --horizontal-pod-autoscaler-downscale-stabilization flag. */
export const defaultScaleDownRules: Readonly<HPAScalingRules> = Object.freeze<HPAScalingRules>({
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
});

function copyRules(from: HPAScalingRules | undefined, defaults: Readonly<HPAScalingRules>): HPAScalingRules {
  const to: HPAScalingRules = { ...defaults, policies: defaults.policies?.map((policy) => ({ ...policy })) };
  if (!from) return to;
  // copyHPAScalingRules: a field set by the user wins, field by field; policies replace as a whole.
  if (from.selectPolicy !== undefined) to.selectPolicy = from.selectPolicy;
  if (from.stabilizationWindowSeconds !== undefined) to.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  if (from.policies !== undefined) to.policies = from.policies;
  if (from.tolerance !== undefined) to.tolerance = from.tolerance;
  return to;
}

/** SetDefaults_HorizontalPodAutoscalerBehavior: a nil behavior stays nil; otherwise every unset field is filled. */
export function applyBehaviorDefaults(behavior: HPABehavior | undefined | null): HPABehavior | undefined {
  if (!behavior) return undefined;
  return { scaleUp: copyRules(behavior.scaleUp, defaultScaleUpRules), scaleDown: copyRules(behavior.scaleDown, defaultScaleDownRules) };
}

/** A tolerance quantity ("0.05") as a number, or undefined when unset or not a quantity. */
export function toleranceValue(tolerance: string | number | undefined): number | undefined {
  if (tolerance === undefined) return undefined;
  return tryParseQuantity(tolerance);
}

function resolveRules(rules: HPAScalingRules, windowFallback: number): ResolvedScalingRules {
  return {
    stabilizationWindowSeconds: rules.stabilizationWindowSeconds ?? windowFallback,
    selectPolicy: rules.selectPolicy ?? 'Max',
    policies: rules.policies ?? [],
    tolerance: toleranceValue(rules.tolerance),
  };
}

/**
 * The behavior as the controller sees it: API defaults, then maybeInitScaleDownStabilizationWindow.
 * Undefined means "no behavior": the controller's legacy path (scale-up limit, 5-minute downscale stabilization).
 */
export function resolveBehavior(
  behavior: HPABehavior | undefined | null,
  downscaleStabilizationSeconds: number = controllerDefaults.downscaleStabilizationSeconds,
): ResolvedBehavior | undefined {
  const defaulted = applyBehaviorDefaults(behavior);
  if (!defaulted) return undefined;
  return {
    scaleUp: resolveRules(defaulted.scaleUp ?? defaultScaleUpRules, 0),
    scaleDown: resolveRules(defaulted.scaleDown ?? defaultScaleDownRules, downscaleStabilizationSeconds),
  };
}

/** The longest policy period of one direction; scale events older than it are recycled. */
export function longestPolicyPeriod(rules: ResolvedScalingRules): number {
  let longest = 0;
  for (const policy of rules.policies) if (policy.periodSeconds > longest) longest = policy.periodSeconds;
  return longest;
}
