// Apigee hybrid runtime scaling: runtime.hpaBehavior and runtime.hpaMetrics, their allowed ranges and the guide's presets. Pure.
import type { FieldError } from '../k8s/field-error.ts';
import { tryParseQuantity } from '../k8s/quantity.ts';
import type { HPABehavior, HPAScalingPolicy, HPAScalingRules } from '../k8s/types.ts';
import { t } from '../i18n/index.ts';

/** One direction of runtime.hpaBehavior in overrides.yaml: one Percent and one Pods policy. */
export interface ApigeeScalingRules {
  percent: { periodSeconds: number; value: number };
  pods: { periodSeconds: number; value: number };
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  stabilizationWindowSeconds: number;
}

export interface ApigeeHpaBehavior {
  scaleUp: ApigeeScalingRules;
  scaleDown: ApigeeScalingRules;
}

export interface ApigeeHpaMetrics {
  serverMainTaskWaitTime?: string | number;
  serverNioTaskWaitTime?: string | number;
  targetCPUUtilizationPercentage?: number;
}

export type Range = readonly [number, number];
interface DirectionRanges {
  percentPeriodSeconds: Range;
  percentValue: Range;
  podsPeriodSeconds: Range;
  podsValue: Range;
  stabilizationWindowSeconds: Range;
}

/** The guide's allowed ranges, inclusive (domain README §2). */
export const apigeeBehaviorRanges: Readonly<Record<'scaleUp' | 'scaleDown', DirectionRanges>> = {
  scaleUp: {
    percentPeriodSeconds: [30, 120],
    percentValue: [5, 100],
    podsPeriodSeconds: [30, 120],
    podsValue: [2, 15],
    stabilizationWindowSeconds: [30, 120],
  },
  scaleDown: {
    percentPeriodSeconds: [30, 180],
    percentValue: [5, 50],
    podsPeriodSeconds: [30, 180],
    podsValue: [1, 15],
    stabilizationWindowSeconds: [60, 300],
  },
};

/** serverMainTaskWaitTime / serverNioTaskWaitTime: 300M–450M (M = 10^6). */
export const apigeeWaitTimeRange: Range = [300e6, 450e6];
export const apigeeWaitTimeDefault = '400M';

export type ApigeeWaitTimeKey = 'serverMainTaskWaitTime' | 'serverNioTaskWaitTime';

/** The custom pod metrics the apigee-env chart puts on the runtime HPA for runtime.hpaMetrics (served through apigee-telemetry). */
export const apigeeWaitTimeMetrics: Readonly<Record<ApigeeWaitTimeKey, string>> = {
  serverMainTaskWaitTime: 'server_main_task_wait_time',
  serverNioTaskWaitTime: 'server_nio_task_wait_time',
};

export const apigeeDefaultBehavior: ApigeeHpaBehavior = {
  scaleUp: {
    percent: { periodSeconds: 60, value: 20 },
    pods: { periodSeconds: 60, value: 4 },
    selectPolicy: 'Max',
    stabilizationWindowSeconds: 30,
  },
  scaleDown: {
    percent: { periodSeconds: 60, value: 20 },
    pods: { periodSeconds: 60, value: 2 },
    selectPolicy: 'Min',
    stabilizationWindowSeconds: 120,
  },
};

/** The guide's YAML (its prose names other fields; the YAML is the truth): scaleUp percent 30 / pods 5, scaleDown pods 4. */
export const apigeeMoreAggressiveBehavior: ApigeeHpaBehavior = {
  scaleUp: { ...apigeeDefaultBehavior.scaleUp, percent: { periodSeconds: 60, value: 30 }, pods: { periodSeconds: 60, value: 5 } },
  scaleDown: { ...apigeeDefaultBehavior.scaleDown, pods: { periodSeconds: 60, value: 4 } },
};

/** The guide's YAML: scaleDown percent 10 / pods 1 / stabilization 180; scaleUp unchanged. */
export const apigeeLessAggressiveBehavior: ApigeeHpaBehavior = {
  scaleUp: { ...apigeeDefaultBehavior.scaleUp },
  scaleDown: {
    ...apigeeDefaultBehavior.scaleDown,
    percent: { periodSeconds: 60, value: 10 },
    pods: { periodSeconds: 60, value: 1 },
    stabilizationWindowSeconds: 180,
  },
};

function toRules(rules: ApigeeScalingRules): HPAScalingRules {
  return {
    stabilizationWindowSeconds: rules.stabilizationWindowSeconds,
    selectPolicy: rules.selectPolicy,
    policies: [
      { type: 'Percent', value: rules.percent.value, periodSeconds: rules.percent.periodSeconds },
      { type: 'Pods', value: rules.pods.value, periodSeconds: rules.pods.periodSeconds },
    ],
  };
}

/** One direction in runtime.hpaBehavior's shape: exactly one Percent and one Pods policy, and a window. */
function fromRules(rules: HPAScalingRules | undefined): ApigeeScalingRules | undefined {
  const policies = rules?.policies ?? [];
  const percent = policies.filter((policy) => policy.type === 'Percent');
  const pods = policies.filter((policy) => policy.type === 'Pods');
  if (policies.length !== 2 || percent.length !== 1 || pods.length !== 1) return undefined;
  if (rules?.stabilizationWindowSeconds === undefined) return undefined;
  return {
    percent: { periodSeconds: percent[0]!.periodSeconds, value: percent[0]!.value },
    pods: { periodSeconds: pods[0]!.periodSeconds, value: pods[0]!.value },
    // The API server's default for either direction.
    selectPolicy: rules.selectPolicy ?? 'Max',
    stabilizationWindowSeconds: rules.stabilizationWindowSeconds,
  };
}

/** An autoscaling/v2 behavior as overrides.yaml's runtime.hpaBehavior (percent/pods), when it has that shape in both directions. */
export function hpaToApigeeBehavior(behavior: HPABehavior): ApigeeHpaBehavior | undefined {
  const scaleUp = fromRules(behavior.scaleUp);
  const scaleDown = fromRules(behavior.scaleDown);
  return scaleUp && scaleDown ? { scaleUp, scaleDown } : undefined;
}

/** runtime.hpaBehavior → the autoscaling/v2 behavior the operator puts on the runtime HPA. */
export function apigeeBehaviorToHPA(behavior: ApigeeHpaBehavior): HPABehavior {
  return { scaleUp: toRules(behavior.scaleUp), scaleDown: toRules(behavior.scaleDown) };
}

function outOfRange(path: string, value: number | undefined, [low, high]: Range): FieldError[] {
  if (value !== undefined && value >= low && value <= high) return [];
  return [{ path, type: 'Invalid', value, message: t('profiles.apigee.inRange', { low, high }) }];
}

function onePolicy(
  policies: HPAScalingPolicy[],
  type: HPAScalingPolicy['type'],
  path: string,
): { policy?: HPAScalingPolicy; errors: FieldError[] } {
  const matching = policies.filter((policy) => policy.type === type);
  if (matching.length === 1) return { policy: matching[0], errors: [] };
  return {
    errors: [
      {
        path,
        type: 'Invalid',
        value: matching.length,
        message: t('profiles.apigee.onePolicy', { type }),
      },
    ],
  };
}

/** Checks an autoscaling/v2 behavior against Apigee's runtime.hpaBehavior ranges; paths use overrides.yaml keys. */
export function validateApigeeBehavior(behavior: HPABehavior, path = 'runtime.hpaBehavior'): FieldError[] {
  const errors: FieldError[] = [];
  for (const direction of ['scaleUp', 'scaleDown'] as const) {
    const ranges = apigeeBehaviorRanges[direction];
    const rules = behavior[direction] ?? {};
    const at = `${path}.${direction}`;
    const percent = onePolicy(rules.policies ?? [], 'Percent', `${at}.percent`);
    const pods = onePolicy(rules.policies ?? [], 'Pods', `${at}.pods`);
    errors.push(...percent.errors, ...pods.errors);
    if (percent.policy) {
      errors.push(...outOfRange(`${at}.percent.periodSeconds`, percent.policy.periodSeconds, ranges.percentPeriodSeconds));
      errors.push(...outOfRange(`${at}.percent.value`, percent.policy.value, ranges.percentValue));
    }
    if (pods.policy) {
      errors.push(...outOfRange(`${at}.pods.periodSeconds`, pods.policy.periodSeconds, ranges.podsPeriodSeconds));
      errors.push(...outOfRange(`${at}.pods.value`, pods.policy.value, ranges.podsValue));
    }
    errors.push(...outOfRange(`${at}.stabilizationWindowSeconds`, rules.stabilizationWindowSeconds, ranges.stabilizationWindowSeconds));
  }
  return errors;
}

function waitTimeErrors(path: string, text: string | number | undefined): FieldError[] {
  if (text === undefined) return [];
  const value = tryParseQuantity(text);
  if (value === undefined)
    return [{ path, type: 'Invalid', value: text, message: t('profiles.apigee.waitTimeNotQuantity', { example: apigeeWaitTimeDefault }) }];
  if (value < 1 && /m$/.test(String(text).trim())) {
    return [
      {
        path,
        type: 'Invalid',
        value: text,
        message: t('profiles.apigee.waitTimeMilli', { text, value, number: String(text).trim().slice(0, -1) }),
      },
    ];
  }
  const [low, high] = apigeeWaitTimeRange;
  if (value < low || value > high) return [{ path, type: 'Invalid', value: text, message: t('profiles.apigee.waitTimeRange') }];
  return [];
}

/** Checks one wait-time target (300M–450M, a lowercase m refused with why); errors carry `path`, e.g. a flag name. */
export function validateApigeeWaitTime(text: string | number, path: string): FieldError[] {
  return waitTimeErrors(path, text);
}

/** Checks runtime.hpaMetrics: wait-time targets 300M–450M (rejecting a lowercase m), CPU target ≥ 1 %. */
export function validateApigeeHpaMetrics(metrics: ApigeeHpaMetrics, path = 'runtime.hpaMetrics'): FieldError[] {
  const errors = [
    ...waitTimeErrors(`${path}.serverMainTaskWaitTime`, metrics.serverMainTaskWaitTime),
    ...waitTimeErrors(`${path}.serverNioTaskWaitTime`, metrics.serverNioTaskWaitTime),
  ];
  const cpu = metrics.targetCPUUtilizationPercentage;
  if (cpu !== undefined && !(Number.isInteger(cpu) && cpu >= 1)) {
    errors.push({
      path: `${path}.targetCPUUtilizationPercentage`,
      type: 'Invalid',
      value: cpu,
      message: t('profiles.apigee.cpuPercentage'),
    });
  }
  return errors;
}

/** The runtime.hpaMetrics key a Pods metric of the runtime HPA stands for (metric names vary by adapter). */
export function waitTimeKeyOf(metricName: string): keyof ApigeeHpaMetrics | undefined {
  const name = metricName.toLowerCase().replace(/[^a-z]/g, '');
  if (name.includes('maintaskwaittime')) return 'serverMainTaskWaitTime';
  if (name.includes('niotaskwaittime')) return 'serverNioTaskWaitTime';
  return undefined;
}
