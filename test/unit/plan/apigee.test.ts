import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { planComponent, resolveComponent, selectEnvironment } from '../../../src/plan/apigee.ts';
import type { ApigeeResource } from '../../../src/k8s/types.ts';
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
