import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { findPreset } from '../../../src/hpa/presets.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { HPABehavior } from '../../../src/k8s/types.ts';
import { valuesEditsFor } from '../../../src/profiles/values/edits.ts';
import type { ComponentValuesSettings, Values, ValuesContext } from '../../../src/profiles/values/model.ts';

const overrides = () => parse(readFileSync(new URL('../../fixtures/values/overrides.yaml', import.meta.url), 'utf8')) as Values;
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UserError && e.exitCode === ExitCode.usage && pattern.test(e.message);
const envRelease = (env: string): ValuesContext => ({
  chart: { name: 'apigee-env', version: '1.15.1' },
  userValues: { ...overrides(), env },
});
const orgRelease: ValuesContext = { chart: { name: 'apigee-org', version: '1.15.1' }, userValues: overrides() };
const envChange = (env: string, component: string, settings: ComponentValuesSettings, context = envRelease(env)) =>
  valuesEditsFor({ type: 'component', kind: 'ApigeeEnvironment', env, component, settings }, context);
const orgChange = (component: string, settings: ComponentValuesSettings) =>
  valuesEditsFor({ type: 'component', kind: 'ApigeeOrganization', component, settings }, orgRelease);

describe('Apigee values keys (overrides.yaml)', () => {
  it('writes the root component keys when the environment has no envs[] entry, and says they apply to every environment', () => {
    const plan = envChange('dev', 'runtime', { min: 2, max: 10 });
    assert.deepEqual(plan.edits, [
      { path: ['runtime', 'replicaCountMin'], value: 2 },
      { path: ['runtime', 'replicaCountMax'], value: 10 },
    ]);
    assert.match(plan.notes.join('\n'), /apply to every environment/);
  });

  it('writes envs[name=ENV].components.<component> when the environment has an entry, noting that 0 falls back to the root', () => {
    const plan = envChange('prod', 'runtime', { max: 10 });
    assert.deepEqual(plan.edits, [{ path: ['envs', { name: 'prod' }, 'components', 'runtime', 'replicaCountMax'], value: 10 }]);
    assert.match(plan.notes.join('\n'), /environment prod only.*0, or none, falls back to the root runtime\.replicaCountMin\/Max/s);
  });

  it('writes into the entry even when it has no components yet (environment test)', () => {
    const plan = envChange('test', 'synchronizer', { min: 2 });
    assert.deepEqual(plan.edits, [{ path: ['envs', { name: 'test' }, 'components', 'synchronizer', 'replicaCountMin'], value: 2 }]);
  });

  it('takes the environment from the release when the intent names none', () => {
    const plan = valuesEditsFor(
      { type: 'component', kind: 'ApigeeEnvironment', component: 'runtime', settings: { max: 8 } },
      envRelease('prod'),
    );
    assert.deepEqual(plan.edits[0]?.path, ['envs', { name: 'prod' }, 'components', 'runtime', 'replicaCountMax']);
  });

  it('checks max ≥ min against the per-environment value in force', () => {
    assert.throws(
      () => envChange('prod', 'runtime', { max: 1 }),
      usage(/replicaCountMax 1 would be below replicaCountMin 2 \(its current min, envs\[name=prod\]/),
    );
    // prod's synchronizer min is 0, so the root min 1 is in force.
    assert.throws(
      () =>
        envChange(
          'prod',
          'synchronizer',
          { max: 0 },
          { ...envRelease('prod'), userValues: { ...overrides(), env: 'prod', synchronizer: { replicaCountMin: 3 } } },
        ),
      usage(/--max must be a whole number/),
    );
    const raised = { ...overrides(), env: 'prod', synchronizer: { replicaCountMin: 3 } };
    assert.throws(
      () => envChange('prod', 'synchronizer', { max: 2 }, { ...envRelease('prod'), userValues: raised }),
      usage(/\(its current min, synchronizer\.replicaCountMin\)/),
    );
    // dev has no override: the root min 1 applies, so max 1 is fine.
    assert.doesNotThrow(() => envChange('dev', 'runtime', { max: 1 }));
  });

  it('refuses a min of 0, which a per-environment key would silently replace by the root value', () => {
    assert.throws(() => envChange('prod', 'runtime', { min: 0 }), usage(/--min must be a whole number of at least 1/));
  });

  it('puts the CPU target at the root even for a per-environment change, and says so', () => {
    const plan = envChange('prod', 'synchronizer', { cpu: 60 });
    assert.deepEqual(plan.edits, [{ path: ['synchronizer', 'targetCPUUtilizationPercentage'], value: 60 }]);
    assert.match(plan.notes.join('\n'), /no per-environment key/);
  });

  it('keeps runtime.hpaMetrics.targetCPUUtilizationPercentage equal when the values set it', () => {
    const context = envRelease('dev');
    (context.userValues.runtime as Values).hpaMetrics = { targetCPUUtilizationPercentage: 75 };
    const plan = envChange('dev', 'runtime', { cpu: 65 }, context);
    assert.deepEqual(
      plan.edits.map((e) => e.path.join('.')),
      ['runtime.targetCPUUtilizationPercentage', 'runtime.hpaMetrics.targetCPUUtilizationPercentage'],
    );
  });

  it('refuses a release of another environment', () => {
    assert.throws(() => envChange('test', 'runtime', { max: 5 }, envRelease('prod')), usage(/renders environment "prod", not "test"/));
  });

  it('refuses a release of the wrong chart', () => {
    assert.throws(
      () => envChange('prod', 'runtime', { max: 5 }, { chart: { name: 'apigee-org', version: '1.15.1' }, userValues: {} }),
      usage(/scale through the apigee-env chart, but this release's chart is apigee-org 1\.15\.1/),
    );
  });

  it('writes org components at the root of the apigee-org values', () => {
    assert.deepEqual(orgChange('mart', { min: 2, max: 6 }).edits, [
      { path: ['mart', 'replicaCountMin'], value: 2 },
      { path: ['mart', 'replicaCountMax'], value: 6 },
    ]);
  });

  it('refuses a watcher max above 1 (leader-elected)', () => {
    assert.throws(() => orgChange('watcher', { max: 2 }), usage(/watcher\.replicaCountMax must stay 1 \(got 2\)/));
    assert.deepEqual(orgChange('watcher', { min: 1 }).edits, [{ path: ['watcher', 'replicaCountMin'], value: 1 }]);
  });
});

describe('runtime metrics-based scaling values', () => {
  it('refuses a lowercase 400m wait time, explaining it means 0.4', () => {
    assert.throws(
      () => envChange('dev', 'runtime', { waitTime: '400m' }),
      (e: unknown) => {
        assert.ok(e instanceof UserError && e.exitCode === ExitCode.usage);
        assert.match(e.message, /"400m".*lowercase m means milli: 400m is 0\.4, not 400 million/);
        assert.match(e.message, /write 400M/);
        return true;
      },
    );
  });

  it('refuses a wait time outside 300M–450M and writes both keys for one inside', () => {
    assert.throws(() => envChange('dev', 'runtime', { waitTime: '500M' }), usage(/between 300M and 450M/));
    assert.deepEqual(envChange('dev', 'runtime', { waitTime: '350M' }).edits, [
      { path: ['runtime', 'hpaMetrics', 'serverMainTaskWaitTime'], value: '350M' },
      { path: ['runtime', 'hpaMetrics', 'serverNioTaskWaitTime'], value: '350M' },
    ]);
  });

  it('refuses wait times and behaviors for components other than runtime', () => {
    assert.throws(() => envChange('dev', 'synchronizer', { waitTime: '400M' }), usage(/exists for runtime only/));
    assert.throws(() => orgChange('mart', { behavior: findPreset('apigee-default')!.behavior }), usage(/exists for runtime only/));
  });

  it("writes a behavior as runtime.hpaBehavior's percent/pods keys, one per value", () => {
    const plan = envChange('dev', 'runtime', { behavior: findPreset('apigee-more-aggressive')!.behavior });
    const byKey = Object.fromEntries(plan.edits.map((e) => [e.path.join('.'), e.value]));
    assert.equal(plan.edits.length, 12);
    assert.equal(byKey['runtime.hpaBehavior.scaleUp.percent.value'], 30);
    assert.equal(byKey['runtime.hpaBehavior.scaleUp.pods.value'], 5);
    assert.equal(byKey['runtime.hpaBehavior.scaleDown.pods.value'], 4);
    assert.equal(byKey['runtime.hpaBehavior.scaleDown.selectPolicy'], 'Min');
    assert.equal(byKey['runtime.hpaBehavior.scaleDown.stabilizationWindowSeconds'], 120);
  });

  it("refuses a behavior outside Apigee's ranges or shape, and the Kubernetes default (no behavior)", () => {
    const tooFast: HPABehavior = structuredClone(findPreset('apigee-default')!.behavior!);
    tooFast.scaleDown!.policies![0]!.value = 80;
    assert.throws(
      () => envChange('dev', 'runtime', { behavior: tooFast }),
      usage(/scaleDown\.percent\.value: Invalid value: 80: must be between 5 and 50/),
    );
    const onePolicy: HPABehavior = {
      scaleUp: { stabilizationWindowSeconds: 30, policies: [{ type: 'Pods', value: 4, periodSeconds: 60 }] },
    };
    assert.throws(() => envChange('dev', 'runtime', { behavior: onePolicy }), usage(/exactly one Percent policy/));
    assert.throws(() => envChange('dev', 'runtime', { behavior: null }), usage(/always gives the runtime HPA a behavior/));
  });
});

describe('apigee-telemetry values', () => {
  const telemetry: ValuesContext = { chart: { name: 'apigee-telemetry', version: '1.15.1' }, userValues: {} };

  it('turns metrics-based scaling off through customAutoscaling.enabled', () => {
    const plan = valuesEditsFor({ type: 'telemetry', customAutoscaling: false }, telemetry);
    assert.deepEqual(plan.edits, [{ path: ['customAutoscaling', 'enabled'], value: false }]);
    assert.match(plan.notes.join('\n'), /CPU only/);
  });

  it('refuses customAutoscaling on another chart', () => {
    assert.throws(
      () => valuesEditsFor({ type: 'telemetry', customAutoscaling: true }, envRelease('prod')),
      usage(/belongs to the apigee-telemetry chart/),
    );
  });
});
