import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { findPreset } from '../../../src/hpa/presets.ts';
import { planComponent, resolveComponent, selectEnvironment, validateComponentSettings } from '../../../src/plan/apigee.ts';
import type { ApigeeResource, HPABehavior } from '../../../src/k8s/types.ts';
import { fixture } from './fixtures.ts';

const env = () => fixture<ApigeeResource>('apigee-env.yaml');
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UserError && e.exitCode === ExitCode.usage && pattern.test(e.message);

describe('planning an Apigee component change', () => {
  it('merge-patches spec.components.runtime.autoScaler, the guide recipe fixed', () => {
    const change = planComponent(env(), 'ApigeeEnvironment', 'runtime', { max: 10 });
    assert.equal(change.patchType, 'merge');
    assert.deepEqual(change.patch, { spec: { components: { runtime: { autoScaler: { maxReplicas: 10 } } } } });
    assert.equal(change.ref.resource, 'apigeeenvironments');
    assert.equal(change.ref.version, 'v1alpha2');
  });

  it('warns that a helm upgrade overwrites the CR and names the overrides.yaml keys', () => {
    const warning = planComponent(env(), 'ApigeeEnvironment', 'runtime', { max: 10 }).warnings.join('\n');
    assert.match(warning, /next helm upgrade of the apigee-env chart overwrites it/);
    assert.match(warning, /replicaCountMax: 10/);
  });

  it('sets the CPU target inside the metrics list', () => {
    const change = planComponent(env(), 'ApigeeEnvironment', 'runtime', { cpu: 60 });
    assert.deepEqual(change.patch, {
      spec: {
        components: {
          runtime: {
            autoScaler: {
              metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
            },
          },
        },
      },
    });
  });

  it('uses the v1alpha1 metric shape when the CR is served as v1alpha1', () => {
    const resource = env();
    resource.apiVersion = 'apigee.cloud.google.com/v1alpha1';
    const change = planComponent(resource, 'ApigeeEnvironment', 'synchronizer', { cpu: 60 });
    assert.deepEqual(change.patch, {
      spec: {
        components: {
          synchronizer: { autoScaler: { metrics: [{ type: 'Resource', resource: { name: 'cpu', targetAverageUtilization: 60 } }] } },
        },
      },
    });
  });

  it('enforces the watcher max of 1', () => {
    const org = fixture<ApigeeResource>('apigee-org.yaml');
    assert.throws(() => planComponent(org, 'ApigeeOrganization', 'watcher', { max: 2 }), usage(/watcher max replicas must stay 1/));
    assert.throws(() => planComponent(org, 'ApigeeOrganization', 'watcher', { min: 2 }), usage(/below min/));
  });

  it('checks max against the current min of the component', () => {
    const resource = env();
    resource.spec!.components!.runtime!.autoScaler!.minReplicas = 3;
    assert.throws(() => planComponent(resource, 'ApigeeEnvironment', 'runtime', { max: 2 }), usage(/its current min 3/));
  });

  it('resolves component spellings and refuses unknown ones with the list', () => {
    assert.equal(resolveComponent('ApigeeOrganization', 'connect-agent'), 'connectAgent');
    assert.equal(resolveComponent('ApigeeEnvironment', 'runtime'), 'runtime');
    assert.throws(
      () => resolveComponent('ApigeeEnvironment', 'mart'),
      (e) => e instanceof UserError && /runtime, synchronizer, udca/.test(e.hint ?? ''),
    );
  });
});

const preset = (name: string) => findPreset(name)!.behavior as HPABehavior;
const cpuMetric = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } };
const waitTimeMetric = (name: string, averageValue: string) => ({
  type: 'Pods',
  pods: { metric: { name }, target: { type: 'AverageValue', averageValue } },
});
const runtimeOf = (change: ReturnType<typeof planComponent>) => (change.after as ApigeeResource).spec?.components?.runtime?.autoScaler;

describe('planning the runtime behavior and wait-time targets on the ApigeeEnvironment', () => {
  it('writes a behavior preset to spec.components.runtime.autoScaler.behavior', () => {
    const change = planComponent(env(), 'ApigeeEnvironment', 'runtime', { behavior: preset('apigee-more-aggressive') });
    assert.deepEqual(change.patch, { spec: { components: { runtime: { autoScaler: { behavior: preset('apigee-more-aggressive') } } } } });
    assert.match(change.warnings.join('\n'), /runtime\.hpaBehavior: \{scaleUp: \{percent: \{periodSeconds: 60, value: 30\}/);
    assert.match(change.warnings.join('\n'), /root keys, shared by every environment/);
  });

  it('removes the behavior for the controller defaults (null) and says they are outside Apigee ranges', () => {
    const resource = env();
    resource.spec!.components!.runtime!.autoScaler!.behavior = preset('apigee-default');
    const change = planComponent(resource, 'ApigeeEnvironment', 'runtime', { behavior: null });
    assert.deepEqual(change.patch, { spec: { components: { runtime: { autoScaler: { behavior: null } } } } });
    assert.equal(runtimeOf(change)?.behavior, undefined);
    const warnings = change.warnings.join('\n');
    assert.match(warnings, /controller's defaults .* outside the ranges Apigee documents/);
    assert.match(warnings, /overrides\.yaml cannot say so: .* the next helm upgrade brings a behavior back/);
    assert.doesNotMatch(warnings, /Put the same values in overrides\.yaml/);
  });

  it('refuses a behavior outside the ranges Apigee supports, naming the overrides.yaml field', () => {
    const fast: HPABehavior = {
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Percent', value: 100, periodSeconds: 15 },
          { type: 'Pods', value: 4, periodSeconds: 15 },
        ],
      },
      scaleDown: preset('apigee-default').scaleDown!,
    };
    assert.throws(
      () => planComponent(env(), 'ApigeeEnvironment', 'runtime', { behavior: fast }),
      usage(
        /outside what Apigee hybrid supports.*runtime\.hpaBehavior\.scaleUp\.percent\.periodSeconds: Invalid value: 15: must be between 30 and 120/,
      ),
    );
  });

  it('refuses --behavior and --wait-time on any component but the runtime', () => {
    assert.throws(
      () => planComponent(env(), 'ApigeeEnvironment', 'synchronizer', { behavior: preset('apigee-default') }),
      usage(/--behavior applies to the runtime component only, not synchronizer/),
    );
    assert.throws(
      () => planComponent(env(), 'ApigeeEnvironment', 'udca', { waitTime: '400M' }),
      usage(/--wait-time applies to the runtime component only, not udca/),
    );
    const org = fixture<ApigeeResource>('apigee-org.yaml');
    assert.throws(() => planComponent(org, 'ApigeeOrganization', 'mart', { behavior: null }), usage(/runtime component only, not mart/));
  });

  it('adds both wait-time Pods metrics next to the CPU metric, and says where the metrics come from', () => {
    const change = planComponent(env(), 'ApigeeEnvironment', 'runtime', { waitTime: '350M' });
    assert.deepEqual(runtimeOf(change)?.metrics, [
      cpuMetric,
      waitTimeMetric('server_main_task_wait_time', '350M'),
      waitTimeMetric('server_nio_task_wait_time', '350M'),
    ]);
    const warnings = change.warnings.join('\n');
    assert.match(warnings, /Adds the Pods metrics server_main_task_wait_time and server_nio_task_wait_time/);
    assert.match(warnings, /apigee-telemetry chart has customAutoscaling\.enabled/);
    assert.match(warnings, /runtime\.hpaMetrics\.serverMainTaskWaitTime: 350M, runtime\.hpaMetrics\.serverNioTaskWaitTime: 350M/);
  });

  it('sets the target of wait-time metrics already there, whatever the adapter calls them, without adding any', () => {
    const resource = env();
    resource.spec!.components!.runtime!.autoScaler!.metrics = [
      cpuMetric,
      waitTimeMetric('server_main_task_wait_time', '400m'),
      waitTimeMetric('apigee_server_nio_task_wait_time', '400M'),
    ] as never;
    const change = planComponent(resource, 'ApigeeEnvironment', 'runtime', { waitTime: '420M' });
    assert.deepEqual(runtimeOf(change)?.metrics, [
      cpuMetric,
      waitTimeMetric('server_main_task_wait_time', '420M'),
      waitTimeMetric('apigee_server_nio_task_wait_time', '420M'),
    ]);
    assert.doesNotMatch(change.warnings.join('\n'), /Adds the Pods metric/);
  });

  it('writes wait-time metrics in the v1alpha1 shape when the CR is served as v1alpha1', () => {
    const resource = env();
    resource.apiVersion = 'apigee.cloud.google.com/v1alpha1';
    resource.spec!.components!.runtime!.autoScaler!.metrics = [
      { type: 'Pods', pods: { metricName: 'server_main_task_wait_time', targetAverageValue: '400M' } },
    ] as never;
    const change = planComponent(resource, 'ApigeeEnvironment', 'runtime', { waitTime: '300M' });
    assert.deepEqual(runtimeOf(change)?.metrics, [
      { type: 'Pods', pods: { metricName: 'server_main_task_wait_time', targetAverageValue: '300M' } },
      { type: 'Pods', pods: { metricName: 'server_nio_task_wait_time', targetAverageValue: '300M' } },
    ]);
  });

  it('refuses a lowercase m, a target outside 300M–450M and a non-quantity, with the reason', () => {
    const plan = (waitTime: string) => () => planComponent(env(), 'ApigeeEnvironment', 'runtime', { waitTime });
    assert.throws(
      plan('400m'),
      usage(/--wait-time: Invalid value: "400m": lowercase m means milli: 400m is 0\.4, not 400 million.*write 400M/),
    );
    assert.throws(plan('500M'), usage(/"500M": must be between 300M and 450M/));
    assert.throws(plan('fast'), usage(/"fast": is not a Kubernetes quantity/));
  });

  it('changes min, max, CPU, behavior and wait time in one patch', () => {
    const change = planComponent(env(), 'ApigeeEnvironment', 'runtime', {
      min: 2,
      max: 10,
      cpu: 65,
      behavior: preset('apigee-less-aggressive'),
      waitTime: '400M',
    });
    const autoScaler = runtimeOf(change);
    assert.equal(autoScaler?.minReplicas, 2);
    assert.equal(autoScaler?.maxReplicas, 10);
    assert.deepEqual(autoScaler?.behavior, preset('apigee-less-aggressive'));
    assert.deepEqual(
      autoScaler?.metrics?.map((m) => m.resource?.target.averageUtilization ?? m.pods?.target.averageValue),
      [65, '400M', '400M'],
    );
    assert.match(
      change.warnings[0]!,
      /runtime: \{replicaCountMin: 2, replicaCountMax: 10\} at the root or under envs\[name=test\]\.components\.runtime/,
    );
    assert.match(change.warnings[0]!, /runtime\.targetCPUUtilizationPercentage: 65/);
  });

  it('checks the runtime-only flags and their ranges before any request, without the CR', () => {
    assert.doesNotThrow(() =>
      validateComponentSettings('ApigeeEnvironment', 'runtime', { waitTime: '400M', behavior: preset('apigee-default') }),
    );
    assert.throws(() => validateComponentSettings('ApigeeEnvironment', 'runtime', { waitTime: '400m' }), usage(/lowercase m means milli/));
    assert.throws(
      () => validateComponentSettings('ApigeeOrganization', 'mart', { waitTime: '400M' }),
      usage(/runtime component only, not mart/),
    );
  });

  it('asks for something to change, naming the runtime-only flags for the runtime', () => {
    assert.throws(
      () => planComponent(env(), 'ApigeeEnvironment', 'runtime', {}),
      (e) => e instanceof UserError && /Nothing to change/.test(e.message) && /--behavior, --wait-time/.test(e.hint ?? ''),
    );
    assert.throws(
      () => planComponent(env(), 'ApigeeEnvironment', 'synchronizer', {}),
      (e) => e instanceof UserError && !/--behavior/.test(e.hint ?? ''),
    );
  });
});

describe('finding the environment by spec.name', () => {
  it('takes the only environment when none is named', () => {
    assert.equal(selectEnvironment([env()], undefined, 'apigee').metadata.name, 'acme-hybrid-pro-test-49fa3f5');
  });

  it('lists the environments and stops when several exist and none is named', () => {
    const other = env();
    other.spec!.name = 'prod';
    assert.throws(() => selectEnvironment([env(), other], undefined, 'apigee'), usage(/2 Apigee environments: test, prod/));
  });

  it('matches spec.name, never the encoded object name', () => {
    assert.equal(selectEnvironment([env()], 'test', 'apigee').spec?.name, 'test');
    assert.throws(() => selectEnvironment([env()], 'acme-hybrid-pro-test-49fa3f5', 'apigee'), usage(/No ApigeeEnvironment with spec.name/));
  });
});
