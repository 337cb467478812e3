// HPA status conditions as small integer codes, so a simulation trace stays typed arrays. Pure.

export interface ConditionValue {
  type: 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
  status: 'True' | 'False';
  reason: string;
  message: string;
}

const able = (reason: string, message: string): ConditionValue => ({ type: 'AbleToScale', status: 'True', reason, message });
const active = (status: 'True' | 'False', reason: string, message: string): ConditionValue => ({
  type: 'ScalingActive',
  status,
  reason,
  message,
});
const limited = (status: 'True' | 'False', reason: string, message: string): ConditionValue => ({
  type: 'ScalingLimited',
  status,
  reason,
  message,
});

/** Code 0 everywhere means "not set yet". */
export const AbleToScale = {
  unset: 0,
  SucceededGetScale: 1,
  SucceededRescale: 2,
  ReadyForNewScale: 3,
  ScaleUpStabilized: 4,
  ScaleDownStabilized: 5,
} as const;

export const ScalingActive = {
  unset: 0,
  ValidMetricFound: 1,
  FailedGetResourceMetric: 2,
  FailedGetContainerResourceMetric: 3,
  FailedGetPodsMetric: 4,
  FailedGetObjectMetric: 5,
  FailedGetExternalMetric: 6,
  ScalingDisabled: 7,
} as const;

export const ScalingLimited = {
  unset: 0,
  DesiredWithinRange: 1,
  TooFewReplicas: 2,
  TooManyReplicas: 3,
  ScaleUpLimit: 4,
  ScaleDownLimit: 5,
} as const;

const ableValues: (ConditionValue | undefined)[] = [
  undefined,
  able('SucceededGetScale', "the HPA controller was able to get the target's current scale"),
  able('SucceededRescale', 'the HPA controller was able to update the target scale'),
  able('ReadyForNewScale', 'recommended size matches current size'),
  able('ScaleUpStabilized', 'recent recommendations were lower than current one, applying the lowest recent recommendation'),
  able('ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation'),
];

const failedMetric = 'the HPA was unable to compute the replica count: did not receive metrics for targeted pods (pods might be unready)';
const activeValues: (ConditionValue | undefined)[] = [
  undefined,
  active('True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count'),
  active('False', 'FailedGetResourceMetric', failedMetric),
  active('False', 'FailedGetContainerResourceMetric', failedMetric),
  active('False', 'FailedGetPodsMetric', failedMetric),
  active('False', 'FailedGetObjectMetric', 'the HPA was unable to compute the replica count'),
  active('False', 'FailedGetExternalMetric', 'the HPA was unable to compute the replica count'),
  active('False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero'),
];

const limitedValues: (ConditionValue | undefined)[] = [
  undefined,
  limited('False', 'DesiredWithinRange', 'the desired count is within the acceptable range'),
  limited('True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'),
  limited('True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'),
  limited('True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'),
  limited('True', 'ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate'),
];

/** The conditions a step's codes stand for, in kubectl describe's order. */
export function conditionsOf(ableCode: number, activeCode: number, limitedCode: number): ConditionValue[] {
  const values = [ableValues[ableCode], activeValues[activeCode], limitedValues[limitedCode]];
  return values.filter((value): value is ConditionValue => value !== undefined);
}

/** ScalingLimited's reason for a code, '' when unset. */
export function limitedReason(code: number): string {
  return limitedValues[code]?.reason ?? '';
}

export function ableReason(code: number): string {
  return ableValues[code]?.reason ?? '';
}

export function activeReason(code: number): string {
  return activeValues[code]?.reason ?? '';
}
