// runtime.hpaBehavior as written in a values document (percent/pods keys): checked key by key, then filled
// with the chart defaults the way helm merges overrides.yaml. Pure.
import type { FieldError } from '../k8s/field-error.ts';
import { apigeeBehaviorRanges, apigeeDefaultBehavior, type ApigeeHpaBehavior, type ApigeeScalingRules, type Range } from './apigee-hpa.ts';
import { isValuesMap } from './values/model.ts';
import { t } from '../i18n/index.ts';

type PartialApigeeRules = Partial<Omit<ApigeeScalingRules, 'percent' | 'pods'>> & {
  percent?: Partial<ApigeeScalingRules['percent']>;
  pods?: Partial<ApigeeScalingRules['pods']>;
};
export type PartialApigeeHpaBehavior = { scaleUp?: PartialApigeeRules; scaleDown?: PartialApigeeRules };

/** Helm merges overrides.yaml over the chart's values, key by key: unset keys keep the chart defaults. */
export function withApigeeDefaults(partial: PartialApigeeHpaBehavior): ApigeeHpaBehavior {
  const merge = (rules: PartialApigeeRules | undefined, defaults: ApigeeScalingRules): ApigeeScalingRules => ({
    ...defaults,
    ...rules,
    percent: { ...defaults.percent, ...rules?.percent },
    pods: { ...defaults.pods, ...rules?.pods },
  });
  return {
    scaleUp: merge(partial.scaleUp, apigeeDefaultBehavior.scaleUp),
    scaleDown: merge(partial.scaleDown, apigeeDefaultBehavior.scaleDown),
  };
}

/** True when the object looks like runtime.hpaBehavior (percent/pods keys) rather than an HPA behavior (policies). */
export function isApigeeBehaviorShape(value: unknown): value is PartialApigeeHpaBehavior {
  if (!value || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some(
    (rules) => !!rules && typeof rules === 'object' && ('percent' in rules || 'pods' in rules),
  );
}

const apigeeRulesKeys = ['percent', 'pods', 'selectPolicy', 'stabilizationWindowSeconds'];
const apigeePolicyKeys = ['periodSeconds', 'value'];
const apigeeSelectPolicies = ['Max', 'Min', 'Disabled'] as const;

function wholeInRange(path: string, value: unknown, [low, high]: Range): FieldError[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high) return [];
  return [{ path, type: 'Invalid', value, message: t('profiles.apigee.wholeInRange', { low, high }) }];
}

function mapErrors(path: string, value: unknown, keys: readonly string[]): FieldError[] {
  if (!isValuesMap(value)) return [{ path, type: 'Invalid', value, message: t('profiles.apigee.mapOf', { keys: keys.join(', ') }) }];
  return Object.keys(value)
    .filter((key) => !keys.includes(key))
    .map((key) => ({ path: `${path}.${key}`, type: 'Forbidden', message: t('profiles.apigee.unknownKey', { keys: keys.join(', ') }) }));
}

/**
 * runtime.hpaBehavior as written in a document, before the chart defaults fill it: withApigeeDefaults would
 * replace a wrong value (`percent: "x"`) or a misspelt key by the default without a word. `path` is where it sits.
 */
export function validateApigeeBehaviorDocument(document: unknown, path: string): FieldError[] {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  const errors = mapErrors(path, document, ['scaleUp', 'scaleDown']);
  if (!isValuesMap(document)) return errors;
  for (const direction of ['scaleUp', 'scaleDown'] as const) {
    const rules = document[direction];
    const ranges = apigeeBehaviorRanges[direction];
    const rulesPath = at(direction);
    if (rules === undefined) continue;
    errors.push(...mapErrors(rulesPath, rules, apigeeRulesKeys));
    if (!isValuesMap(rules)) continue;
    for (const [key, periodRange, valueRange] of [
      ['percent', ranges.percentPeriodSeconds, ranges.percentValue],
      ['pods', ranges.podsPeriodSeconds, ranges.podsValue],
    ] as const) {
      const policy = rules[key];
      if (policy === undefined) continue;
      errors.push(...mapErrors(`${rulesPath}.${key}`, policy, apigeePolicyKeys));
      if (!isValuesMap(policy)) continue;
      if (policy.periodSeconds !== undefined)
        errors.push(...wholeInRange(`${rulesPath}.${key}.periodSeconds`, policy.periodSeconds, periodRange));
      if (policy.value !== undefined) errors.push(...wholeInRange(`${rulesPath}.${key}.value`, policy.value, valueRange));
    }
    const { selectPolicy, stabilizationWindowSeconds } = rules;
    if (selectPolicy !== undefined && !(apigeeSelectPolicies as readonly unknown[]).includes(selectPolicy))
      errors.push({
        path: `${rulesPath}.selectPolicy`,
        type: 'NotSupported',
        value: selectPolicy,
        message: '',
        supported: apigeeSelectPolicies,
      });
    if (stabilizationWindowSeconds !== undefined)
      errors.push(
        ...wholeInRange(`${rulesPath}.stabilizationWindowSeconds`, stabilizationWindowSeconds, ranges.stabilizationWindowSeconds),
      );
  }
  return errors;
}
