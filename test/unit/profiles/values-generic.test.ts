import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { ComponentSettings } from '../../../src/plan/apigee.ts';
import type { HpaSettings } from '../../../src/plan/hpa.ts';
import type { WorkloadSettings } from '../../../src/plan/settings.ts';
import type { ScaleSettings } from '../../../src/hpa/scale.ts';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { HorizontalPodAutoscaler, WorkloadObject } from '../../../src/k8s/types.ts';
import { valuesEditsFor } from '../../../src/profiles/values/edits.ts';
import type {
  ComponentValuesSettings,
  HpaValuesSettings,
  Values,
  ValuesContext,
  WorkloadValuesSettings,
} from '../../../src/profiles/values/model.ts';

const load = <T>(name: string) => parse(readFileSync(new URL(`../../fixtures/values/${name}`, import.meta.url), 'utf8')) as T;
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UserError && e.exitCode === ExitCode.usage && pattern.test(e.message);
const web = () => load<WorkloadObject>('deployment-web.yaml');
const hpa = () => load<HorizontalPodAutoscaler>('hpa-web.yaml');
const helmCreate = (userValues: Values = {}): ValuesContext => ({
  chart: { name: 'web', version: '0.1.0' },
  userValues,
  chartDefaults: load<Values>('generic-chart-values.yaml'),
});
const bare: ValuesContext = {
  chart: { name: 'greeter', version: '2.0.0' },
  userValues: {},
  chartDefaults: load<Values>('bare-chart-values.yaml'),
};
const workload = (settings: WorkloadValuesSettings, context = helmCreate()) =>
  valuesEditsFor({ type: 'workload', workload: web(), settings }, context);
const autoscaler = (settings: HpaValuesSettings, context = helmCreate({ autoscaling: { enabled: true } })) =>
  valuesEditsFor({ type: 'hpa', hpa: hpa(), settings }, context);

describe('generic chart values, detected from the chart defaults', () => {
  it('writes replicaCount when the chart has it', () => {
    assert.deepEqual(workload({ replicas: 3 }).edits, [{ path: ['replicaCount'], value: 3 }]);
  });

  it('refuses a chart without the key, naming --direct', () => {
    assert.throws(
      () => workload({ replicas: 3 }, bare),
      usage(/greeter 2\.0\.0 has no replicaCount value, so a values change cannot set the replicas of deployment\/web/),
    );
    assert.throws(
      () => workload({ replicas: 3 }, bare),
      (e: unknown) => e instanceof UserError && /--direct/.test(e.hint ?? ''),
    );
  });

  it('refuses when the chart defaults could not be read (never guesses)', () => {
    assert.throws(
      () => workload({ replicas: 3 }, { ...helmCreate(), chartDefaults: undefined }),
      usage(/its default values could not be read/),
    );
  });

  it('refuses replicaCount while the chart autoscales, unless forced', () => {
    assert.throws(() => workload({ replicas: 3 }, helmCreate({ autoscaling: { enabled: true } })), usage(/autoscaling\.enabled is true/));
    const forced = workload({ replicas: 3, forceReplicas: true }, helmCreate({ autoscaling: { enabled: true } }));
    assert.deepEqual(forced.edits, [{ path: ['replicaCount'], value: 3 }]);
    assert.match(forced.warnings.join('\n'), /the HPA sets the replicas/);
  });

  it('writes affinity.podAntiAffinity on the workload selector', () => {
    const plan = workload({ antiAffinity: 'required', topologyKey: 'kubernetes.io/hostname' });
    assert.deepEqual(plan.edits, [
      {
        path: ['affinity', 'podAntiAffinity'],
        value: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: web().spec.selector, topologyKey: 'kubernetes.io/hostname' }],
        },
      },
    ]);
  });

  it('refuses anti-affinity and spread on a chart without affinity / topologySpreadConstraints', () => {
    assert.throws(() => workload({ antiAffinity: 'preferred' }, bare), usage(/has no affinity value/));
    assert.throws(() => workload({ spread: 'topology.kubernetes.io/zone' }), usage(/has no topologySpreadConstraints value/));
  });

  it('writes resources for the main container only', () => {
    assert.deepEqual(workload({ container: 'web', requests: { cpu: '250m' } }).edits, [
      { path: ['resources', 'requests', 'cpu'], value: '250m' },
    ]);
    assert.throws(
      () => workload({ container: 'metrics', requests: { cpu: '50m' } }),
      usage(/sets the main container \(web\), not metrics/),
    );
    assert.throws(() => workload({ requests: { cpu: '50m' } }), usage(/has several containers/));
  });

  it('refuses an injected sidecar: those are in the wallarm-sidecar release', () => {
    assert.throws(() => workload({ sidecars: [{ sidecar: 'proxy', requests: { cpu: '50m' } }] }), usage(/not in web 0\.1\.0's values/));
  });

  it('writes autoscaling.* for a helm-made HPA', () => {
    assert.deepEqual(autoscaler({ min: 2, max: 8, cpu: 70 }).edits, [
      { path: ['autoscaling', 'minReplicas'], value: 2 },
      { path: ['autoscaling', 'maxReplicas'], value: 8 },
      { path: ['autoscaling', 'targetCPUUtilizationPercentage'], value: 70 },
    ]);
  });

  it('models autoscaling.enabled, and warns while it is false', () => {
    assert.deepEqual(autoscaler({ enabled: true }).edits, [{ path: ['autoscaling', 'enabled'], value: true }]);
    const off = autoscaler({ max: 4 }, helmCreate());
    assert.match(off.warnings.join('\n'), /autoscaling\.enabled is false: the chart renders no HPA/);
  });

  it('refuses max below the min in force, and a behavior the chart has no key for', () => {
    assert.throws(
      () => autoscaler({ max: 1 }, helmCreate({ autoscaling: { enabled: true, minReplicas: 2 } })),
      usage(/maxReplicas 1 would be below autoscaling\.minReplicas 2/),
    );
    assert.throws(() => autoscaler({ behavior: null }), usage(/has no autoscaling\.behavior value/));
  });

  it('sends Apigee HPAs and Apigee workloads to the patch env|org commands', () => {
    const apigee: ValuesContext = { chart: { name: 'apigee-env', version: '1.15.1' }, userValues: {} };
    assert.throws(() => autoscaler({ max: 3 }, apigee), usage(/Apigee operator owns HPA web/));
    assert.throws(() => workload({ replicas: 3 }, apigee), usage(/replicaCountMin\/Max keys/));
  });
});

describe('the values settings stay in step with the settings the faces collect', () => {
  it('accepts ScaleSettings, ComponentSettings, HpaSettings and WorkloadSettings as they are (a type check)', () => {
    const scale: ScaleSettings = { min: 1, max: 2, cpu: 50 };
    const componentSettings: ComponentSettings = { max: 4, waitTime: '400M', behavior: null };
    const asComponent: ComponentValuesSettings = componentSettings;
    const hpaSettings: HpaSettings = { max: 3, behavior: null };
    const workloadSettings: WorkloadSettings = { replicas: 2, sidecars: [{ sidecar: 'proxy', requests: { cpu: '1' } }] };
    const component: ComponentValuesSettings = scale;
    const asHpa: HpaValuesSettings = hpaSettings;
    const asWorkload: WorkloadValuesSettings = workloadSettings;
    assert.deepEqual([component, asComponent, asHpa, asWorkload].length, 4);
  });
});
