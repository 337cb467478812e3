import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveBehavior } from '../../../src/hpa/behavior.ts';
import { behaviorFromDocument, behaviorPresets, findPreset } from '../../../src/hpa/presets.ts';
import { formatFieldError } from '../../../src/k8s/field-error.ts';
import { validateBehavior } from '../../../src/hpa/validate.ts';
import {
  apigeeBehaviorToHPA,
  apigeeDefaultBehavior,
  validateApigeeBehavior,
  validateApigeeHpaMetrics,
} from '../../../src/profiles/apigee-hpa.ts';
import { UserError } from '../../../src/k8s/errors.ts';

const policy = (name: string, direction: 'scaleUp' | 'scaleDown', type: 'Pods' | 'Percent') =>
  findPreset(name)!.behavior![direction]!.policies!.find((p) => p.type === type)!;

describe('behavior presets', () => {
  it('passes the API server validation for every preset', () => {
    for (const preset of behaviorPresets) assert.deepEqual(validateBehavior(preset.behavior).map(formatFieldError), [], preset.name);
  });

  it('keeps every Apigee preset inside Apigee hybrid ranges', () => {
    for (const name of ['apigee-default', 'apigee-more-aggressive', 'apigee-less-aggressive']) {
      assert.deepEqual(validateApigeeBehavior(findPreset(name)!.behavior!).map(formatFieldError), [], name);
    }
  });

  it('uses no behavior for the Kubernetes default, so the controller takes its legacy path', () => {
    assert.equal(findPreset('kubernetes-default')!.behavior, null);
    assert.equal(resolveBehavior(findPreset('kubernetes-default')!.behavior), undefined);
  });

  it("follows the guide's YAML, not its prose, for the more/less aggressive presets", () => {
    assert.equal(policy('apigee-more-aggressive', 'scaleUp', 'Percent').value, 30);
    assert.equal(policy('apigee-more-aggressive', 'scaleUp', 'Pods').value, 5);
    assert.equal(policy('apigee-more-aggressive', 'scaleDown', 'Pods').value, 4);
    assert.equal(policy('apigee-more-aggressive', 'scaleDown', 'Percent').value, 20);
    assert.equal(policy('apigee-less-aggressive', 'scaleDown', 'Percent').value, 10);
    assert.equal(policy('apigee-less-aggressive', 'scaleDown', 'Pods').value, 1);
    assert.equal(findPreset('apigee-less-aggressive')!.behavior!.scaleDown!.stabilizationWindowSeconds, 180);
    assert.equal(findPreset('apigee-less-aggressive')!.behavior!.scaleUp!.stabilizationWindowSeconds, 30);
    assert.equal(findPreset('apigee-default')!.behavior!.scaleDown!.selectPolicy, 'Min');
  });

  it('reads runtime.hpaBehavior from an overrides.yaml, filling unset keys with the chart defaults', () => {
    const preset = behaviorFromDocument({ runtime: { hpaBehavior: { scaleDown: { pods: { value: 3 } } } } }, 'overrides.yaml');
    assert.equal(preset.behavior!.scaleDown!.policies!.find((p) => p.type === 'Pods')!.value, 3);
    assert.equal(preset.behavior!.scaleDown!.policies!.find((p) => p.type === 'Pods')!.periodSeconds, 60);
    assert.equal(preset.behavior!.scaleUp!.stabilizationWindowSeconds, 30);
  });

  it('rejects a behavior file the API server would reject, naming the field', () => {
    assert.throws(
      () => behaviorFromDocument({ spec: { behavior: { scaleUp: { stabilizationWindowSeconds: 4000 } } } }, 'b.yaml'),
      (error: unknown) =>
        error instanceof UserError &&
        error.exitCode === 2 &&
        /behavior\.scaleUp\.stabilizationWindowSeconds: Invalid value: 4000/.test(error.message),
    );
    assert.throws(() => behaviorFromDocument({ foo: 1 }, 'empty.yaml'), /holds no HPA behavior/);
  });
});

describe('Apigee hpaBehavior documents', () => {
  const refused = (document: unknown, pattern: RegExp) =>
    assert.throws(
      () => behaviorFromDocument(document, 'overrides.yaml'),
      (error: unknown) =>
        error instanceof UserError && error.exitCode === 2 && pattern.test(error.message) && /apigee-default/.test(error.hint ?? ''),
    );

  it('refuses a value that is not a number instead of falling back to the chart default', () => {
    refused(
      { runtime: { hpaBehavior: { scaleUp: { percent: 'x' } } } },
      /runtime\.hpaBehavior\.scaleUp\.percent: Invalid value: "x": must be a map of periodSeconds, value/,
    );
    refused(
      { runtime: { hpaBehavior: { scaleUp: { percent: { value: 'x' } } } } },
      /runtime\.hpaBehavior\.scaleUp\.percent\.value: Invalid value: "x": must be a whole number between 5 and 100/,
    );
    refused(
      { hpaBehavior: { scaleDown: { pods: { periodSeconds: '60' } } } },
      /hpaBehavior\.scaleDown\.pods\.periodSeconds: Invalid value: "60": must be a whole number between 30 and 180/,
    );
    refused(
      { scaleUp: 5, scaleDown: { pods: { value: 3 } } },
      /yaml is not a valid Apigee runtime\.hpaBehavior: scaleUp: Invalid value: 5: must be a map of percent, pods/,
    );
  });

  it("refuses negative, fractional and out-of-range values, naming the key path and Apigee's range", () => {
    refused(
      { hpaBehavior: { scaleDown: { pods: { value: -5 } } } },
      /hpaBehavior\.scaleDown\.pods\.value: Invalid value: -5: must be a whole number between 1 and 15/,
    );
    refused(
      { hpaBehavior: { scaleUp: { percent: { value: 7.5 } } } },
      /hpaBehavior\.scaleUp\.percent\.value: Invalid value: 7\.5: must be a whole number between 5 and 100/,
    );
    refused({ hpaBehavior: { scaleUp: { percent: { value: 3 } } } }, /between 5 and 100/);
    refused(
      { hpaBehavior: { scaleUp: { stabilizationWindowSeconds: 20, pods: {} } } },
      /hpaBehavior\.scaleUp\.stabilizationWindowSeconds: Invalid value: 20: must be a whole number between 30 and 120/,
    );
    refused(
      { hpaBehavior: { scaleUp: { selectPolicy: 'Sideways', pods: {} } } },
      /hpaBehavior\.scaleUp\.selectPolicy: Unsupported value: "Sideways"/,
    );
  });

  it('refuses a misspelt key instead of ignoring it', () => {
    refused(
      { hpaBehavior: { scaleUp: { pods: { valeu: 3 } } } },
      /hpaBehavior\.scaleUp\.pods\.valeu: Forbidden: not a runtime\.hpaBehavior key; expected periodSeconds, value/,
    );
  });

  it("accepts the edges of Apigee's ranges as given", () => {
    const preset = behaviorFromDocument(
      { hpaBehavior: { scaleUp: { percent: { value: 100 } }, scaleDown: { percent: { value: 5, periodSeconds: 180 } } } },
      'b.yaml',
    );
    assert.equal(preset.behavior!.scaleUp!.policies!.find((p) => p.type === 'Percent')!.value, 100);
    assert.deepEqual(
      preset.behavior!.scaleDown!.policies!.find((p) => p.type === 'Percent'),
      { type: 'Percent', value: 5, periodSeconds: 180 },
    );
  });
});

describe('Apigee ranges', () => {
  it('flags values just outside the range and accepts the edges', () => {
    const edges = structuredClone(apigeeDefaultBehavior);
    edges.scaleDown.stabilizationWindowSeconds = 60;
    edges.scaleUp.pods.value = 15;
    assert.deepEqual(validateApigeeBehavior(apigeeBehaviorToHPA(edges)), []);
    edges.scaleDown.stabilizationWindowSeconds = 59;
    edges.scaleUp.percent.periodSeconds = 121;
    assert.deepEqual(validateApigeeBehavior(apigeeBehaviorToHPA(edges)).map(formatFieldError), [
      "runtime.hpaBehavior.scaleUp.percent.periodSeconds: Invalid value: 121: must be between 30 and 120 (Apigee hybrid's allowed range)",
      "runtime.hpaBehavior.scaleDown.stabilizationWindowSeconds: Invalid value: 59: must be between 60 and 300 (Apigee hybrid's allowed range)",
    ]);
  });

  it("puts the Kubernetes API defaults (15 s periods) outside Apigee's ranges", () => {
    const errors = validateApigeeBehavior({ scaleUp: {}, scaleDown: {} }).map((e) => e.path);
    assert.ok(errors.includes('runtime.hpaBehavior.scaleUp.percent'));
    assert.ok(errors.includes('runtime.hpaBehavior.scaleDown.stabilizationWindowSeconds'));
  });

  it('rejects 400m (0.4, milli) and explains it, and accepts 300M..450M', () => {
    const errors = validateApigeeHpaMetrics({ serverMainTaskWaitTime: '400m' });
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.path, 'runtime.hpaMetrics.serverMainTaskWaitTime');
    assert.match(errors[0]!.message, /400m is 0\.4/);
    assert.match(errors[0]!.message, /write 400M/);
    assert.deepEqual(
      validateApigeeHpaMetrics({ serverMainTaskWaitTime: '300M', serverNioTaskWaitTime: '450M', targetCPUUtilizationPercentage: 75 }),
      [],
    );
    assert.match(validateApigeeHpaMetrics({ serverNioTaskWaitTime: '451M' })[0]!.message, /between 300M and 450M/);
    assert.match(validateApigeeHpaMetrics({ serverNioTaskWaitTime: 'fast' })[0]!.message, /not a Kubernetes quantity/);
  });
});
