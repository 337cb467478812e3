import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import type { WorkloadObject } from '../../../src/k8s/types.ts';
import { valuesEditsFor } from '../../../src/profiles/values/edits.ts';
import type { Values, ValuesContext, WorkloadValuesSettings } from '../../../src/profiles/values/model.ts';
import { storeOf } from '../../../src/profiles/values/wallarm.ts';

const load = <T>(name: string) => parse(readFileSync(new URL(`../../fixtures/values/${name}`, import.meta.url), 'utf8')) as T;
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UserError && e.exitCode === ExitCode.usage && pattern.test(e.message);
const controller = () => load<WorkloadObject>('wallarm-controller.yaml');
const postanalytics = () => load<WorkloadObject>('wallarm-postanalytics.yaml');
const injected = () => load<WorkloadObject>('deployment-injected.yaml');
const release = (version: string, userValues: Values = load<Values>('wallarm-values.yaml')): ValuesContext => ({
  chart: { name: 'wallarm-sidecar', version },
  userValues,
});
const change = (workload: WorkloadObject, settings: WorkloadValuesSettings, context = release('6.7.2')) =>
  valuesEditsFor({ type: 'workload', workload, settings }, context);

describe("wallarm-sidecar values: the chart's own Deployments", () => {
  it('tells the component from the labels: controller.replicaCount / postanalytics.replicaCount', () => {
    assert.deepEqual(change(controller(), { replicas: 3 }).edits, [{ path: ['controller', 'replicaCount'], value: 3 }]);
    assert.deepEqual(change(postanalytics(), { replicas: 2 }).edits, [{ path: ['postanalytics', 'replicaCount'], value: 2 }]);
  });

  it("refuses a Deployment that is not one of the chart's, pointing at --sidecar", () => {
    assert.throws(() => change(injected(), { replicas: 3 }), usage(/payments is not one of the wallarm-sidecar chart's Deployments/));
  });

  it("writes a podAntiAffinity term on the component's own selector, as a direct patch would", () => {
    const plan = change(controller(), { antiAffinity: 'preferred', topologyKey: 'kubernetes.io/hostname', weight: 80 });
    assert.deepEqual(plan.edits, [
      {
        path: ['controller', 'affinity', 'podAntiAffinity'],
        value: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            {
              weight: 80,
              podAffinityTerm: {
                labelSelector: controller().spec.selector,
                topologyKey: 'kubernetes.io/hostname',
              },
            },
          ],
        },
      },
    ]);
  });

  it('replaces its own term on the same key and keeps terms about other pods (required, zone)', () => {
    const values = load<Values>('wallarm-values.yaml');
    const other = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'topology.kubernetes.io/zone' };
    const own = {
      weight: 100,
      podAffinityTerm: { labelSelector: postanalytics().spec.selector, topologyKey: 'topology.kubernetes.io/zone' },
    };
    (values.postanalytics as Values).affinity = {
      nodeAffinity: { x: 1 },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [other], preferredDuringSchedulingIgnoredDuringExecution: [own] },
    };
    const plan = change(
      postanalytics(),
      { antiAffinity: 'required', topologyKey: 'topology.kubernetes.io/zone' },
      release('6.7.2', values),
    );
    assert.deepEqual(plan.edits[0]?.value, {
      requiredDuringSchedulingIgnoredDuringExecution: [
        other,
        { labelSelector: postanalytics().spec.selector, topologyKey: 'topology.kubernetes.io/zone' },
      ],
    });
    assert.match(plan.notes.join('\n'), /1 anti-affinity term\(s\) about other pods are kept/);
    assert.match(plan.notes.join('\n'), /replicas beyond the number of zones stay Pending/);
  });

  it('removes its own terms with --anti-affinity none (the key goes when nothing is left)', () => {
    const values = load<Values>('wallarm-values.yaml');
    (values.controller as Values).affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { labelSelector: controller().spec.selector, topologyKey: 'kubernetes.io/hostname' } },
        ],
      },
    };
    const plan = change(controller(), { antiAffinity: 'none' }, release('6.7.2', values));
    assert.deepEqual(plan.edits, [{ path: ['controller', 'affinity', 'podAntiAffinity'], value: undefined }]);
  });

  it('refuses a topology spread: the chart has no topologySpreadConstraints value', () => {
    assert.throws(
      () => change(controller(), { spread: 'kubernetes.io/hostname' }),
      usage(/has no controller\.topologySpreadConstraints value/),
    );
  });

  it('writes controller.resources one quantity at a time', () => {
    assert.deepEqual(change(controller(), { requests: { cpu: '100m' }, limits: { cpu: '1' } }).edits, [
      { path: ['controller', 'resources', 'requests', 'cpu'], value: '100m' },
      { path: ['controller', 'resources', 'limits', 'cpu'], value: '1' },
    ]);
  });
});

describe('wallarm-sidecar values: the store container by chart version', () => {
  it('runs wstore from chart 6.0 and tarantool up to 5.x', () => {
    assert.equal(storeOf('6.7.2')?.container, 'wstore');
    assert.equal(storeOf('6.0.0')?.container, 'wstore');
    assert.equal(storeOf('5.3.17')?.container, 'tarantool');
    assert.equal(storeOf('latest'), undefined);
  });

  it('writes postanalytics.wstore.resources on 6.x', () => {
    const plan = change(postanalytics(), { container: 'wstore', requests: { cpu: '200m' } });
    assert.deepEqual(plan.edits, [{ path: ['postanalytics', 'wstore', 'resources', 'requests', 'cpu'], value: '200m' }]);
  });

  it('writes postanalytics.tarantool.resources on 5.x', () => {
    const plan = change(
      postanalytics(),
      { container: 'tarantool', requests: { memory: '2Gi' }, limits: { memory: '2Gi' } },
      release('5.3.17', {}),
    );
    assert.deepEqual(
      plan.edits.map((e) => e.path.join('.')),
      ['postanalytics.tarantool.resources.requests.memory', 'postanalytics.tarantool.resources.limits.memory'],
    );
  });

  it('refuses a tarantool key on a 6.x chart, which ignores it', () => {
    assert.throws(
      () => change(postanalytics(), { container: 'tarantool', requests: { memory: '2Gi' } }),
      usage(/wallarm-sidecar 6\.7\.2 ignores postanalytics\.tarantool\.resources: its store container is wstore/),
    );
  });

  it('refuses a wstore key on a 5.x chart', () => {
    assert.throws(
      () => change(postanalytics(), { container: 'wstore', requests: { memory: '2Gi' } }, release('5.3.17', {})),
      usage(/ignores postanalytics\.wstore\.resources/),
    );
  });

  it('asks which postanalytics container, and refuses one the Deployment lacks', () => {
    assert.throws(() => change(postanalytics(), { requests: { cpu: '1' } }), usage(/has several containers/));
    assert.throws(() => change(postanalytics(), { container: 'nginx', requests: { cpu: '1' } }), usage(/has no container nginx/));
  });

  it("warns when the store's memory would be below its arena", () => {
    const plan = change(postanalytics(), { container: 'wstore', requests: { memory: '512Mi' } });
    assert.match(plan.warnings.join('\n'), /requests\.memory 512Mi is below the store's arena 1Gi/);
  });

  it('warns about tarantool keys left in the values of a 6.x release', () => {
    const values = { postanalytics: { tarantool: { resources: { requests: { memory: '1Gi' } } } } };
    const plan = change(postanalytics(), { replicas: 2 }, release('6.7.2', values));
    assert.match(plan.warnings.join('\n'), /still set postanalytics\.tarantool, which wallarm-sidecar 6\.7\.2 ignores/);
  });
});

describe('wallarm-sidecar values: injected sidecars (global keys)', () => {
  it('maps each sidecar to its config.sidecar key', () => {
    const keys = (['proxy', 'helper', 'init-iptables', 'init-helper'] as const).map((sidecar) =>
      change(injected(), { sidecars: [{ sidecar, requests: { cpu: '50m' } }] })
        .edits[0]!.path.slice(0, -2)
        .join('.'),
    );
    assert.deepEqual(keys, [
      'config.sidecar.containers.proxy.resources',
      'config.sidecar.containers.helper.resources',
      'config.sidecar.initContainers.iptables.resources',
      'config.sidecar.initContainers.helper.resources',
    ]);
  });

  it('sets several sidecars in one upgrade, each under its own key', () => {
    const plan = change(injected(), {
      sidecars: [
        { sidecar: 'proxy', requests: { cpu: '200m' } },
        { sidecar: 'init-iptables', requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '64Mi' } },
      ],
    });
    assert.deepEqual(
      plan.edits.map((edit) => `${edit.path.join('.')}=${String(edit.value)}`),
      [
        'config.sidecar.containers.proxy.resources.requests.cpu=200m',
        'config.sidecar.initContainers.iptables.resources.requests.cpu=50m',
        'config.sidecar.initContainers.iptables.resources.requests.memory=32Mi',
        'config.sidecar.initContainers.iptables.resources.limits.memory=64Mi',
      ],
    );
  });

  it('says the values apply to every injected pod, and that annotated pods ignore them entirely', () => {
    const plan = change(injected(), { sidecars: [{ sidecar: 'proxy', requests: { cpu: '250m' } }] });
    assert.match(plan.notes.join('\n'), /every pod this release injects/);
    assert.match(plan.notes.join('\n'), /any of the four sidecar\.wallarm\.io\/proxy-\* annotations ignore these global values entirely/);
    // payments sets sidecar.wallarm.io/proxy-cpu itself
    assert.match(
      plan.warnings.join('\n'),
      /payments sets sidecar\.wallarm\.io\/proxy-cpu, so its pods ignore config\.sidecar\.containers\.proxy\.resources/,
    );
  });

  it('warns that helper exists only with the split schema', () => {
    const plan = change(injected(), { sidecars: [{ sidecar: 'helper', requests: { cpu: '50m' } }] });
    assert.match(plan.warnings.join('\n'), /"single" schema.*no sidecar-helper/);
  });

  it('takes cpu and memory only', () => {
    assert.throws(
      () => change(injected(), { sidecars: [{ sidecar: 'proxy', requests: { 'ephemeral-storage': '1Gi' } }] }),
      usage(/takes cpu and memory only/),
    );
  });
});

describe('requests ≤ limits in the resulting values as a whole', () => {
  it('refuses a request raised above a limit the values already hold, naming it', () => {
    // config.sidecar.containers.proxy.resources.limits.cpu is 500m in the release's values
    assert.throws(
      () => change(injected(), { sidecars: [{ sidecar: 'proxy', requests: { cpu: '800m' } }] }),
      usage(
        /cpu request 800m would be above the cpu limit 500m that config\.sidecar\.containers\.proxy\.resources\.limits\.cpu already holds/,
      ),
    );
  });

  it('accepts it when the limit is raised too', () => {
    const plan = change(injected(), { sidecars: [{ sidecar: 'proxy', requests: { cpu: '800m' }, limits: { cpu: '1' } }] });
    assert.equal(plan.edits.length, 2);
  });

  it('refuses a limit lowered below a request the values already hold', () => {
    // controller.resources.requests.memory is 64Mi
    assert.throws(
      () => change(controller(), { limits: { memory: '32Mi' } }),
      usage(/memory limit 32Mi would be below the memory request 64Mi/),
    );
  });

  it("counts the chart's defaults as well as the user's values", () => {
    const context: ValuesContext = {
      ...release('6.7.2', {}),
      chartDefaults: { controller: { resources: { limits: { cpu: '200m' } } } },
    };
    assert.throws(() => change(controller(), { requests: { cpu: '300m' } }, context), usage(/above the cpu limit 200m/));
  });
});
