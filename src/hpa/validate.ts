// The API server's validation of an autoscaling/v2 HPA spec, with its limits and messages (kubernetes
// pkg/apis/autoscaling/validation/validation.go). Pure.
import { tryParseQuantity } from '../k8s/quantity.ts';
import type { HorizontalPodAutoscaler, HPABehavior, HPAScalingRules, MetricSpec, MetricTarget } from '../k8s/types.ts';
import { applyBehaviorDefaults } from './behavior.ts';
import type { FieldError } from '../k8s/field-error.ts';
import { maxInt32 } from '../k8s/limits.ts';
import { t } from '../i18n/index.ts';

export const maxPeriodSeconds = 1800;
export const maxStabilizationWindowSeconds = 3600;
const selectPolicies = ['Disabled', 'Max', 'Min'] as const;
const policyTypes = ['Percent', 'Pods'] as const;
const metricSourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] as const;
const sourceFields = {
  Object: 'object',
  External: 'external',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
} as const;

const invalid = (path: string, value: unknown, message: string): FieldError => ({ path, type: 'Invalid', value, message });
const required = (path: string, message = ''): FieldError => ({ path, type: 'Required', message });
const forbidden = (path: string, message: string): FieldError => ({ path, type: 'Forbidden', message });
const notSupported = (path: string, value: unknown, supported: readonly string[]): FieldError => ({
  path,
  type: 'NotSupported',
  value,
  message: '',
  supported,
});

function pathSegmentErrors(path: string, name: string): FieldError[] {
  if (name === '.' || name === '..') return [invalid(path, name, t('hpa.validate.mayNotBe', { name }))];
  return ['/', '%'].filter((bad) => name.includes(bad)).map((bad) => invalid(path, name, t('hpa.validate.mayNotContain', { bad })));
}

/**
 * int32 fields hold whole numbers up to 2147483647. The API server cannot say so: a larger number
 * wraps around when a patch is decoded (4294967296 replicas became 0), so we refuse it first.
 */
function int32Errors(path: string, value: number | undefined): FieldError[] {
  const fractional = wholeNumberErrors(path, value);
  if (fractional.length || typeof value !== 'number') return fractional;
  return value > maxInt32 ? [invalid(path, value, t('hpa.validate.int32', { maximum: maxInt32 }))] : [];
}

/** Seconds fields are int32 too: the API server cannot decode 60.5 and answers with a JSON error instead. */
function wholeNumberErrors(path: string, value: number | undefined): FieldError[] {
  return typeof value === 'number' && !Number.isInteger(value) ? [invalid(path, value, t('hpa.validate.wholeNumber'))] : [];
}

function validateRules(rules: HPAScalingRules | undefined, path: string): FieldError[] {
  if (!rules) return [];
  const errors: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  errors.push(...wholeNumberErrors(`${path}.stabilizationWindowSeconds`, window));
  if (window !== undefined && window < 0) errors.push(invalid(`${path}.stabilizationWindowSeconds`, window, t('hpa.validate.atLeastZero')));
  if (window !== undefined && window > maxStabilizationWindowSeconds) {
    errors.push(
      invalid(`${path}.stabilizationWindowSeconds`, window, t('hpa.validate.atMost', { maximum: maxStabilizationWindowSeconds })),
    );
  }
  if (rules.selectPolicy !== undefined && !(selectPolicies as readonly string[]).includes(rules.selectPolicy)) {
    errors.push(notSupported(`${path}.selectPolicy`, rules.selectPolicy, selectPolicies));
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errors.push(required(`${path}.policies`, t('hpa.validate.atLeastOnePolicy')));
  policies.forEach((policy, i) => {
    const at = `${path}.policies[${i}]`;
    if (!(policyTypes as readonly string[]).includes(policy.type)) errors.push(notSupported(`${at}.type`, policy.type, policyTypes));
    if (!(policy.value > 0)) errors.push(invalid(`${at}.value`, policy.value, t('hpa.validate.aboveZero')));
    errors.push(...int32Errors(`${at}.value`, policy.value));
    errors.push(...wholeNumberErrors(`${at}.periodSeconds`, policy.periodSeconds));
    if (!(policy.periodSeconds > 0)) errors.push(invalid(`${at}.periodSeconds`, policy.periodSeconds, t('hpa.validate.aboveZero')));
    if (policy.periodSeconds > maxPeriodSeconds)
      errors.push(invalid(`${at}.periodSeconds`, policy.periodSeconds, t('hpa.validate.atMost', { maximum: maxPeriodSeconds })));
  });
  if (rules.tolerance !== undefined) {
    const tolerance = tryParseQuantity(rules.tolerance);
    if (tolerance === undefined) errors.push(invalid(`${path}.tolerance`, rules.tolerance, t('hpa.validate.toleranceQuantity')));
    else if (tolerance < 0) errors.push(invalid(`${path}.tolerance`, rules.tolerance, t('hpa.validate.toleranceAtLeastZero')));
  }
  return errors;
}

/** validateBehavior on the defaulted object: an omitted direction or policy list is filled before it is checked. */
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Wrong types a typed file can hold (`policies: 5`, `.nan`): found before any rule reads the fields. */
function behaviorShapeErrors(behavior: unknown, path: string): FieldError[] {
  if (behavior === undefined || behavior === null) return [];
  if (!isObject(behavior)) return [invalid(path, behavior, t('hpa.validate.behaviorMap'))];
  const errors: FieldError[] = [];
  for (const direction of ['scaleUp', 'scaleDown'] as const) {
    const rules = behavior[direction];
    const at = `${path}.${direction}`;
    if (rules === undefined || rules === null) continue;
    if (!isObject(rules)) {
      errors.push(invalid(at, rules, t('hpa.validate.map')));
      continue;
    }
    const window = rules.stabilizationWindowSeconds;
    if (window !== undefined && !(typeof window === 'number' && Number.isFinite(window)))
      errors.push(invalid(`${at}.stabilizationWindowSeconds`, window, t('hpa.validate.seconds')));
    const policies = rules.policies;
    if (policies === undefined || policies === null) continue;
    if (!Array.isArray(policies)) {
      errors.push(invalid(`${at}.policies`, policies, t('hpa.validate.policyList')));
      continue;
    }
    policies.forEach((policy: unknown, i) => {
      if (!isObject(policy)) errors.push(invalid(`${at}.policies[${i}]`, policy, t('hpa.validate.policyMap')));
      else
        for (const field of ['value', 'periodSeconds'] as const)
          if (typeof policy[field] === 'number' && !Number.isFinite(policy[field]))
            errors.push(invalid(`${at}.policies[${i}].${field}`, policy[field], t('hpa.validate.number')));
    });
  }
  return errors;
}

export function validateBehavior(behavior: HPABehavior | undefined | null, path = 'spec.behavior'): FieldError[] {
  const shape = behaviorShapeErrors(behavior, path);
  if (shape.length) return shape;
  const defaulted = applyBehaviorDefaults(behavior);
  if (!defaulted) return [];
  return [...validateRules(defaulted.scaleUp, `${path}.scaleUp`), ...validateRules(defaulted.scaleDown, `${path}.scaleDown`)];
}

function validateTarget(target: MetricTarget | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = target?.type ?? '';
  if (type === '') errors.push(required(`${path}.type`, t('hpa.validate.targetType')));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type))
    errors.push(invalid(`${path}.type`, type, t('hpa.validate.targetTypeOneOf')));
  for (const field of ['value', 'averageValue'] as const) {
    const text = target?.[field];
    if (text === undefined) continue;
    const quantity = tryParseQuantity(text);
    if (quantity === undefined || quantity <= 0) errors.push(invalid(`${path}.${field}`, text, t('hpa.validate.positive')));
  }
  const utilization = target?.averageUtilization;
  if (utilization !== undefined && utilization < 1)
    errors.push(invalid(`${path}.averageUtilization`, utilization, t('hpa.validate.greaterThanZero')));
  return errors;
}

function validateIdentifier(name: string | undefined, path: string): FieldError[] {
  if (!name) return [required(`${path}.name`, t('hpa.validate.metricName'))];
  return pathSegmentErrors(`${path}.name`, name);
}

function validateRawOrUtilization(target: MetricTarget | undefined, path: string): FieldError[] {
  if (target?.averageUtilization === undefined && target?.averageValue === undefined) {
    return [required(`${path}.target.averageUtilization`, t('hpa.validate.rawOrUtilization'))];
  }
  if (target.averageUtilization !== undefined && target.averageValue !== undefined) {
    return [forbidden(`${path}.target.averageValue`, t('hpa.validate.notBothRawAndUtilization'))];
  }
  return [];
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validateSource(spec: MetricSpec, field: (typeof sourceFields)[keyof typeof sourceFields], path: string): FieldError[] {
  const errors: FieldError[] = [];
  switch (field) {
    case 'object': {
      const src = spec.object!;
      const ref = src.describedObject;
      if (!ref?.kind) errors.push(required(`${path}.describedObject.kind`));
      else errors.push(...pathSegmentErrors(`${path}.describedObject.kind`, ref.kind));
      if (!ref?.name) errors.push(required(`${path}.describedObject.name`));
      else errors.push(...pathSegmentErrors(`${path}.describedObject.name`, ref.name));
      errors.push(...validateIdentifier(src.metric?.name, `${path}.metric`), ...validateTarget(src.target, `${path}.target`));
      if (src.target?.value === undefined && src.target?.averageValue === undefined) {
        errors.push(required(`${path}.target.averageValue`, t('hpa.validate.valueOrAverage')));
      }
      return errors;
    }
    case 'external': {
      const src = spec.external!;
      errors.push(...validateIdentifier(src.metric?.name, `${path}.metric`), ...validateTarget(src.target, `${path}.target`));
      if (src.target?.value === undefined && src.target?.averageValue === undefined) {
        errors.push(required(`${path}.target.averageValue`, t('hpa.validate.valueOrPerPod')));
      }
      if (src.target?.value !== undefined && src.target?.averageValue !== undefined) {
        errors.push(forbidden(`${path}.target.value`, t('hpa.validate.notBothValueAndPerPod')));
      }
      return errors;
    }
    case 'pods': {
      const src = spec.pods!;
      errors.push(...validateIdentifier(src.metric?.name, `${path}.metric`), ...validateTarget(src.target, `${path}.target`));
      if (src.target?.averageValue === undefined)
        errors.push(required(`${path}.target.averageValue`, t('hpa.validate.positiveAverageValue')));
      return errors;
    }
    case 'resource': {
      const src = spec.resource!;
      if (!src.name) errors.push(required(`${path}.name`, t('hpa.validate.resourceName')));
      return [...errors, ...validateTarget(src.target, `${path}.target`), ...validateRawOrUtilization(src.target, path)];
    }
    case 'containerResource': {
      const src = spec.containerResource!;
      if (!src.name) errors.push(required(`${path}.name`, t('hpa.validate.resourceName')));
      if (!src.container) errors.push(required(`${path}.container`, t('hpa.validate.container')));
      else if (src.container.length > 63) errors.push(invalid(`${path}.container`, src.container, t('hpa.validate.containerLength')));
      else if (!dns1123Label.test(src.container)) {
        errors.push(
          invalid(`${path}.container`, src.container, t('hpa.validate.dns1123Label', { regex: '[a-z0-9]([-a-z0-9]*[a-z0-9])?' })),
        );
      }
      return [...errors, ...validateTarget(src.target, `${path}.target`), ...validateRawOrUtilization(src.target, path)];
    }
  }
}

function validateMetricSpec(spec: MetricSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = (spec.type ?? '') as string;
  if (type === '') errors.push(required(`${path}.type`, t('hpa.validate.sourceType')));
  const known = (metricSourceTypes as readonly string[]).includes(type);
  if (!known) errors.push(notSupported(`${path}.type`, type, metricSourceTypes));
  // Go checks the sources in this order and validates only the first one present.
  const present = (['object', 'external', 'pods', 'resource', 'containerResource'] as const).filter((field) => spec[field] != null);
  if (present[0]) errors.push(...validateSource(spec, present[0], `${path}.${present[0]}`));
  const expected = known ? sourceFields[type as keyof typeof sourceFields] : undefined;
  if (expected && spec[expected] == null) errors.push(required(`${path}.${expected}`, t('hpa.validate.populateSource')));
  if (present.length !== 1) {
    for (const field of present) if (field !== expected) errors.push(forbidden(`${path}.${field}`, t('hpa.validate.populateSourceOnly')));
  }
  return errors;
}

export interface SpecValidationOptions {
  /** HPAScaleToZero gate on, or the stored object already had minReplicas 0. */
  allowZeroMinReplicas?: boolean;
  /** Spec files for `simulate` may omit scaleTargetRef. */
  requireScaleTargetRef?: boolean;
}

/** validateHorizontalPodAutoscalerSpec: every field error the API server would return for this spec. */
export function validateHPASpec(spec: HorizontalPodAutoscaler['spec'], options: SpecValidationOptions = {}): FieldError[] {
  const errors: FieldError[] = [];
  const lowerBound = options.allowZeroMinReplicas ? 0 : 1;
  const { minReplicas, maxReplicas } = spec;
  if (minReplicas !== undefined && minReplicas < lowerBound)
    errors.push(invalid('spec.minReplicas', minReplicas, t('hpa.validate.atLeast', { minimum: lowerBound })));
  if (!(maxReplicas >= 1)) errors.push(invalid('spec.maxReplicas', maxReplicas, t('hpa.validate.greaterThanZero')));
  errors.push(...int32Errors('spec.minReplicas', minReplicas), ...int32Errors('spec.maxReplicas', maxReplicas));
  if (minReplicas !== undefined && maxReplicas < minReplicas)
    errors.push(invalid('spec.maxReplicas', maxReplicas, t('hpa.validate.atLeastMin')));
  if (options.requireScaleTargetRef !== false) {
    const ref = spec.scaleTargetRef;
    for (const field of ['kind', 'name'] as const) {
      const value = ref?.[field];
      if (!value) errors.push(required(`spec.scaleTargetRef.${field}`));
      else errors.push(...pathSegmentErrors(`spec.scaleTargetRef.${field}`, value));
    }
  }
  if (spec.metrics !== undefined && spec.metrics !== null && !Array.isArray(spec.metrics)) {
    return [...errors, invalid('spec.metrics', spec.metrics, t('hpa.validate.metricList'))];
  }
  const notMaps = (spec.metrics ?? []).flatMap((metric: unknown, i) =>
    isObject(metric) ? [] : [invalid(`spec.metrics[${i}]`, metric, t('hpa.validate.map'))],
  );
  if (notMaps.length) return [...errors, ...notMaps];
  const metrics = spec.metrics ?? [];
  for (const [i, metric] of metrics.entries()) errors.push(...validateMetricSpec(metric, `spec.metrics[${i}]`));
  if (minReplicas === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errors.push(forbidden('spec.metrics', t('hpa.validate.scaleToZero')));
  }
  errors.push(...validateBehavior(spec.behavior));
  return errors;
}
