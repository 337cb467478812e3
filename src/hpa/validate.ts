// The API server's validation of an autoscaling/v2 HPA spec, with its limits and messages (kubernetes
// pkg/apis/autoscaling/validation/validation.go). Pure.
import { tryParseQuantity } from '../k8s/quantity.ts';
import type { HorizontalPodAutoscaler, HPABehavior, HPAScalingRules, MetricSpec, MetricTarget } from '../k8s/types.ts';
import { applyBehaviorDefaults } from './behavior.ts';
import type { FieldError } from '../k8s/field-error.ts';
import { maxInt32 } from '../k8s/limits.ts';

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
  if (name === '.' || name === '..') return [invalid(path, name, `may not be '${name}'`)];
  return ['/', '%'].filter((bad) => name.includes(bad)).map((bad) => invalid(path, name, `may not contain '${bad}'`));
}

/**
 * int32 fields hold whole numbers up to 2147483647. The API server cannot say so: a larger number
 * wraps around when a patch is decoded (4294967296 replicas became 0), so we refuse it first.
 */
function int32Errors(path: string, value: number | undefined): FieldError[] {
  const fractional = wholeNumberErrors(path, value);
  if (fractional.length || typeof value !== 'number') return fractional;
  return value > maxInt32 ? [invalid(path, value, `must be less than or equal to ${maxInt32} (a 32-bit integer)`)] : [];
}

/** Seconds fields are int32 too: the API server cannot decode 60.5 and answers with a JSON error instead. */
function wholeNumberErrors(path: string, value: number | undefined): FieldError[] {
  return typeof value === 'number' && !Number.isInteger(value) ? [invalid(path, value, 'must be a whole number')] : [];
}

function validateRules(rules: HPAScalingRules | undefined, path: string): FieldError[] {
  if (!rules) return [];
  const errors: FieldError[] = [];
  const window = rules.stabilizationWindowSeconds;
  errors.push(...wholeNumberErrors(`${path}.stabilizationWindowSeconds`, window));
  if (window !== undefined && window < 0)
    errors.push(invalid(`${path}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > maxStabilizationWindowSeconds) {
    errors.push(invalid(`${path}.stabilizationWindowSeconds`, window, `must be less than or equal to ${maxStabilizationWindowSeconds}`));
  }
  if (rules.selectPolicy !== undefined && !(selectPolicies as readonly string[]).includes(rules.selectPolicy)) {
    errors.push(notSupported(`${path}.selectPolicy`, rules.selectPolicy, selectPolicies));
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errors.push(required(`${path}.policies`, 'must specify at least one Policy'));
  policies.forEach((policy, i) => {
    const at = `${path}.policies[${i}]`;
    if (!(policyTypes as readonly string[]).includes(policy.type)) errors.push(notSupported(`${at}.type`, policy.type, policyTypes));
    if (!(policy.value > 0)) errors.push(invalid(`${at}.value`, policy.value, 'must be greater than zero'));
    errors.push(...int32Errors(`${at}.value`, policy.value));
    errors.push(...wholeNumberErrors(`${at}.periodSeconds`, policy.periodSeconds));
    if (!(policy.periodSeconds > 0)) errors.push(invalid(`${at}.periodSeconds`, policy.periodSeconds, 'must be greater than zero'));
    if (policy.periodSeconds > maxPeriodSeconds)
      errors.push(invalid(`${at}.periodSeconds`, policy.periodSeconds, `must be less than or equal to ${maxPeriodSeconds}`));
  });
  if (rules.tolerance !== undefined) {
    const tolerance = tryParseQuantity(rules.tolerance);
    if (tolerance === undefined) errors.push(invalid(`${path}.tolerance`, rules.tolerance, 'must be a quantity such as "0.05"'));
    else if (tolerance < 0) errors.push(invalid(`${path}.tolerance`, rules.tolerance, 'must be greater or equal to zero'));
  }
  return errors;
}

/** validateBehavior on the defaulted object: an omitted direction or policy list is filled before it is checked. */
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Wrong types a typed file can hold (`policies: 5`, `.nan`): found before any rule reads the fields. */
function behaviorShapeErrors(behavior: unknown, path: string): FieldError[] {
  if (behavior === undefined || behavior === null) return [];
  if (!isObject(behavior)) return [invalid(path, behavior, 'must be a map with scaleUp and/or scaleDown')];
  const errors: FieldError[] = [];
  for (const direction of ['scaleUp', 'scaleDown'] as const) {
    const rules = behavior[direction];
    const at = `${path}.${direction}`;
    if (rules === undefined || rules === null) continue;
    if (!isObject(rules)) {
      errors.push(invalid(at, rules, 'must be a map'));
      continue;
    }
    const window = rules.stabilizationWindowSeconds;
    if (window !== undefined && !(typeof window === 'number' && Number.isFinite(window)))
      errors.push(invalid(`${at}.stabilizationWindowSeconds`, window, 'must be a number of seconds'));
    const policies = rules.policies;
    if (policies === undefined || policies === null) continue;
    if (!Array.isArray(policies)) {
      errors.push(invalid(`${at}.policies`, policies, 'must be a list of policies'));
      continue;
    }
    policies.forEach((policy: unknown, i) => {
      if (!isObject(policy)) errors.push(invalid(`${at}.policies[${i}]`, policy, 'must be a map with type, value and periodSeconds'));
      else
        for (const field of ['value', 'periodSeconds'] as const)
          if (typeof policy[field] === 'number' && !Number.isFinite(policy[field]))
            errors.push(invalid(`${at}.policies[${i}].${field}`, policy[field], 'must be a number'));
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
  if (type === '') errors.push(required(`${path}.type`, 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type))
    errors.push(invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  for (const field of ['value', 'averageValue'] as const) {
    const text = target?.[field];
    if (text === undefined) continue;
    const quantity = tryParseQuantity(text);
    if (quantity === undefined || quantity <= 0) errors.push(invalid(`${path}.${field}`, text, 'must be positive'));
  }
  const utilization = target?.averageUtilization;
  if (utilization !== undefined && utilization < 1)
    errors.push(invalid(`${path}.averageUtilization`, utilization, 'must be greater than 0'));
  return errors;
}

function validateIdentifier(name: string | undefined, path: string): FieldError[] {
  if (!name) return [required(`${path}.name`, 'must specify a metric name')];
  return pathSegmentErrors(`${path}.name`, name);
}

function validateRawOrUtilization(target: MetricTarget | undefined, path: string): FieldError[] {
  if (target?.averageUtilization === undefined && target?.averageValue === undefined) {
    return [required(`${path}.target.averageUtilization`, 'must set either a target raw value or a target utilization')];
  }
  if (target.averageUtilization !== undefined && target.averageValue !== undefined) {
    return [forbidden(`${path}.target.averageValue`, 'may not set both a target raw value and a target utilization')];
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
        errors.push(required(`${path}.target.averageValue`, 'must set either a target value or averageValue'));
      }
      return errors;
    }
    case 'external': {
      const src = spec.external!;
      errors.push(...validateIdentifier(src.metric?.name, `${path}.metric`), ...validateTarget(src.target, `${path}.target`));
      if (src.target?.value === undefined && src.target?.averageValue === undefined) {
        errors.push(required(`${path}.target.averageValue`, 'must set either a target value for metric or a per-pod target'));
      }
      if (src.target?.value !== undefined && src.target?.averageValue !== undefined) {
        errors.push(forbidden(`${path}.target.value`, 'may not set both a target value for metric and a per-pod target'));
      }
      return errors;
    }
    case 'pods': {
      const src = spec.pods!;
      errors.push(...validateIdentifier(src.metric?.name, `${path}.metric`), ...validateTarget(src.target, `${path}.target`));
      if (src.target?.averageValue === undefined)
        errors.push(required(`${path}.target.averageValue`, 'must specify a positive target averageValue'));
      return errors;
    }
    case 'resource': {
      const src = spec.resource!;
      if (!src.name) errors.push(required(`${path}.name`, 'must specify a resource name'));
      return [...errors, ...validateTarget(src.target, `${path}.target`), ...validateRawOrUtilization(src.target, path)];
    }
    case 'containerResource': {
      const src = spec.containerResource!;
      if (!src.name) errors.push(required(`${path}.name`, 'must specify a resource name'));
      if (!src.container) errors.push(required(`${path}.container`, 'must specify a container'));
      else if (src.container.length > 63) errors.push(invalid(`${path}.container`, src.container, 'must be no more than 63 characters'));
      else if (!dns1123Label.test(src.container)) {
        errors.push(
          invalid(
            `${path}.container`,
            src.container,
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
          ),
        );
      }
      return [...errors, ...validateTarget(src.target, `${path}.target`), ...validateRawOrUtilization(src.target, path)];
    }
  }
}

function validateMetricSpec(spec: MetricSpec, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = (spec.type ?? '') as string;
  if (type === '') errors.push(required(`${path}.type`, 'must specify a metric source type'));
  const known = (metricSourceTypes as readonly string[]).includes(type);
  if (!known) errors.push(notSupported(`${path}.type`, type, metricSourceTypes));
  // Go checks the sources in this order and validates only the first one present.
  const present = (['object', 'external', 'pods', 'resource', 'containerResource'] as const).filter((field) => spec[field] != null);
  if (present[0]) errors.push(...validateSource(spec, present[0], `${path}.${present[0]}`));
  const expected = known ? sourceFields[type as keyof typeof sourceFields] : undefined;
  if (expected && spec[expected] == null)
    errors.push(required(`${path}.${expected}`, 'must populate information for the given metric source'));
  if (present.length !== 1) {
    for (const field of present)
      if (field !== expected) errors.push(forbidden(`${path}.${field}`, 'must populate the given metric source only'));
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
    errors.push(invalid('spec.minReplicas', minReplicas, `must be greater than or equal to ${lowerBound}`));
  if (!(maxReplicas >= 1)) errors.push(invalid('spec.maxReplicas', maxReplicas, 'must be greater than 0'));
  errors.push(...int32Errors('spec.minReplicas', minReplicas), ...int32Errors('spec.maxReplicas', maxReplicas));
  if (minReplicas !== undefined && maxReplicas < minReplicas)
    errors.push(invalid('spec.maxReplicas', maxReplicas, 'must be greater than or equal to `minReplicas`'));
  if (options.requireScaleTargetRef !== false) {
    const ref = spec.scaleTargetRef;
    for (const field of ['kind', 'name'] as const) {
      const value = ref?.[field];
      if (!value) errors.push(required(`spec.scaleTargetRef.${field}`));
      else errors.push(...pathSegmentErrors(`spec.scaleTargetRef.${field}`, value));
    }
  }
  if (spec.metrics !== undefined && spec.metrics !== null && !Array.isArray(spec.metrics)) {
    return [...errors, invalid('spec.metrics', spec.metrics, 'must be a list of metrics')];
  }
  const notMaps = (spec.metrics ?? []).flatMap((metric: unknown, i) =>
    isObject(metric) ? [] : [invalid(`spec.metrics[${i}]`, metric, 'must be a map')],
  );
  if (notMaps.length) return [...errors, ...notMaps];
  const metrics = spec.metrics ?? [];
  for (const [i, metric] of metrics.entries()) errors.push(...validateMetricSpec(metric, `spec.metrics[${i}]`));
  if (minReplicas === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errors.push(forbidden('spec.metrics', 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  errors.push(...validateBehavior(spec.behavior));
  return errors;
}
