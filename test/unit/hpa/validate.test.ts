import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFieldError } from '../../../src/k8s/field-error.ts';
import { validateBehavior, validateHPASpec } from '../../../src/hpa/validate.ts';
import type { HorizontalPodAutoscaler, HPAScalingRules } from '../../../src/k8s/types.ts';
import { cpuUtilization } from './helpers.ts';

const base = (): HorizontalPodAutoscaler['spec'] => ({
  scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
  minReplicas: 2,
  maxReplicas: 10,
  metrics: cpuUtilization(75),
});
const messages = (spec: HorizontalPodAutoscaler['spec'], options = {}) => validateHPASpec(spec, options).map(formatFieldError);
const scaleUp = (rules: HPAScalingRules) => messages({ ...base(), behavior: { scaleUp: rules } });

describe('validateHPASpec', () => {
  it('accepts a plain CPU HPA and an omitted policy list (the API server defaults it before validating)', () => {
    assert.deepEqual(messages(base()), []);
    assert.deepEqual(scaleUp({ stabilizationWindowSeconds: 60 }), []);
  });

  it('limits stabilizationWindowSeconds to 0..3600 with the API server messages', () => {
    assert.deepEqual(scaleUp({ stabilizationWindowSeconds: 3600 }), []);
    assert.deepEqual(scaleUp({ stabilizationWindowSeconds: 0 }), []);
    assert.deepEqual(scaleUp({ stabilizationWindowSeconds: 3601 }), [
      'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600',
    ]);
    assert.deepEqual(scaleUp({ stabilizationWindowSeconds: -1 }), [
      'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero',
    ]);
  });

  it('limits periodSeconds to 1..1800 and requires value > 0', () => {
    assert.deepEqual(scaleUp({ policies: [{ type: 'Pods', value: 1, periodSeconds: 1 }] }), []);
    assert.deepEqual(scaleUp({ policies: [{ type: 'Pods', value: 1, periodSeconds: 1800 }] }), []);
    assert.deepEqual(scaleUp({ policies: [{ type: 'Pods', value: 1, periodSeconds: 1801 }] }), [
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800',
    ]);
    assert.deepEqual(scaleUp({ policies: [{ type: 'Percent', value: 0, periodSeconds: 0 }] }), [
      'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 0: must be greater than zero',
    ]);
  });

  it('refuses fractional periodSeconds and stabilizationWindowSeconds (int32 fields: the API cannot decode 60.5)', () => {
    assert.deepEqual(scaleUp({ stabilizationWindowSeconds: 60.5, policies: [{ type: 'Pods', value: 1, periodSeconds: 15.5 }] }), [
      'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 60.5: must be a whole number',
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 15.5: must be a whole number',
    ]);
  });

  it('requires at least one policy when the list is given empty, even with selectPolicy Disabled (no exception in V)', () => {
    assert.deepEqual(scaleUp({ selectPolicy: 'Disabled', policies: [] }), [
      'spec.behavior.scaleUp.policies: Required value: must specify at least one Policy',
    ]);
  });

  it('rejects an unknown selectPolicy or policy type as Unsupported value', () => {
    assert.deepEqual(scaleUp({ selectPolicy: 'Fastest' as 'Max' }), [
      'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min"',
    ]);
    assert.deepEqual(scaleUp({ policies: [{ type: 'Replicas' as 'Pods', value: 1, periodSeconds: 15 }] }), [
      'spec.behavior.scaleUp.policies[0].type: Unsupported value: "Replicas": supported values: "Percent", "Pods"',
    ]);
  });

  it('rejects a negative tolerance but accepts zero', () => {
    assert.deepEqual(scaleUp({ tolerance: '0' }), []);
    assert.match(scaleUp({ tolerance: '-0.1' }).join(), /scaleUp\.tolerance: Invalid value: "-0.1": .*greater or equal to zero/);
  });

  it('checks minReplicas ≥ 1 (0 only with scale-to-zero and an Object/External metric) and maxReplicas ≥ minReplicas', () => {
    // validateMetrics adds its Forbidden error whatever the gate, so the API server reports both.
    assert.deepEqual(messages({ ...base(), minReplicas: 0 }), [
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
    ]);
    assert.deepEqual(messages({ ...base(), minReplicas: 0 }, { allowZeroMinReplicas: true }), [
      'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
    ]);
    assert.deepEqual(messages({ ...base(), minReplicas: 5, maxReplicas: 4 }), [
      'spec.maxReplicas: Invalid value: 4: must be greater than or equal to `minReplicas`',
    ]);
    assert.deepEqual(messages({ ...base(), minReplicas: undefined, maxReplicas: 0 }), [
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
    ]);
  });

  it('requires scaleTargetRef kind and name unless told not to', () => {
    const spec = { ...base(), scaleTargetRef: { kind: '', name: 'a/b' } };
    assert.deepEqual(messages(spec), [
      'spec.scaleTargetRef.kind: Required value',
      'spec.scaleTargetRef.name: Invalid value: "a/b": may not contain \'/\'',
    ]);
    assert.deepEqual(messages(spec, { requireScaleTargetRef: false }), []);
  });

  it('applies the metric target rules', () => {
    const withMetric = (metric: object) => messages({ ...base(), metrics: [metric as never] });
    assert.deepEqual(withMetric({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }), [
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    ]);
    assert.deepEqual(
      withMetric({
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50, averageValue: '500m' } },
      }),
      ['spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization'],
    );
    assert.deepEqual(withMetric({ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue' } } }), [
      'spec.metrics[0].pods.target.averageValue: Required value: must specify a positive target averageValue',
    ]);
    assert.deepEqual(
      withMetric({ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '-1' } } }),
      ['spec.metrics[0].pods.target.averageValue: Invalid value: "-1": must be positive'],
    );
    assert.deepEqual(withMetric({ type: 'Resource' }), [
      'spec.metrics[0].resource: Required value: must populate information for the given metric source',
    ]);
    assert.deepEqual(
      withMetric({
        type: 'Pods',
        pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1' } },
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
      }),
      ['spec.metrics[0].resource: Forbidden: must populate the given metric source only'],
    );
    assert.deepEqual(
      withMetric({ type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: '1', averageValue: '1' } } }),
      ['spec.metrics[0].external.target.value: Forbidden: may not set both a target value for metric and a per-pod target'],
    );
  });
});

describe('validateBehavior', () => {
  it('validates a behavior alone under the path given', () => {
    assert.deepEqual(
      validateBehavior({ scaleDown: { policies: [{ type: 'Pods', value: -1, periodSeconds: 60 }] } }, 'behavior').map(formatFieldError),
      ['behavior.scaleDown.policies[0].value: Invalid value: -1: must be greater than zero'],
    );
    assert.deepEqual(validateBehavior(undefined), []);
  });
});

describe('int32 fields', () => {
  it('refuses policy values and replica counts the server would wrap around', () => {
    const errors = validateBehavior({ scaleUp: { policies: [{ type: 'Pods', value: 4294967296, periodSeconds: 60 }] } }).map(
      formatFieldError,
    );
    assert.deepEqual(errors, [
      'spec.behavior.scaleUp.policies[0].value: Invalid value: 4294967296: must be less than or equal to 2147483647 (a 32-bit integer)',
    ]);
    const spec = { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 4294967298 };
    assert.match(
      validateHPASpec(spec).map(formatFieldError).join('\n'),
      /spec\.maxReplicas: Invalid value: 4294967298: must be less than or equal to 2147483647/,
    );
    assert.match(
      validateHPASpec({ ...spec, maxReplicas: 2.5 })
        .map(formatFieldError)
        .join('\n'),
      /spec\.maxReplicas: Invalid value: 2\.5: must be a whole number/,
    );
    assert.deepEqual(validateHPASpec({ ...spec, maxReplicas: 2147483647 }), []);
  });
});
