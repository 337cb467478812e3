import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { validateWorkloadSettings } from '../../../src/plan/settings.ts';
import { planWorkload } from '../../../src/plan/workload.ts';
import type { HorizontalPodAutoscaler, Pod, WorkloadObject } from '../../../src/k8s/types.ts';
import { fixture } from './fixtures.ts';

const web = () => fixture<WorkloadObject>('deployment-web.yaml');
const shopApi = () => fixture<WorkloadObject>('deployment-shop-api.yaml');
const pods = () => fixture<Pod[]>('pods-shop-api.yaml');
const hpa = () => fixture<HorizontalPodAutoscaler>('hpa-web.yaml');
const none = { hpas: [], pods: [] };
const usage = (pattern: RegExp) => (e: unknown) => e instanceof UserError && e.exitCode === ExitCode.usage && pattern.test(e.message);
const annotations = (w: WorkloadObject) => w.spec.template.metadata?.annotations ?? {};

describe('planning a workload change', () => {
  it('sets spec.replicas with a strategic merge patch', () => {
    const change = planWorkload(web(), { replicas: 4 }, none);
    assert.equal(change.patchType, 'strategic');
    assert.deepEqual(change.patch, { spec: { replicas: 4 } });
  });

  it('refuses spec.replicas on an HPA-managed workload unless --force-replicas', () => {
    assert.throws(() => planWorkload(web(), { replicas: 4 }, { hpas: [hpa()], pods: [] }), usage(/scaled by HPA web/));
    const forced = planWorkload(web(), { replicas: 4, forceReplicas: true }, { hpas: [hpa()], pods: [] });
    assert.match(forced.warnings.join('\n'), /HPA web will move the replica count back into 2\.\.8/);
  });

  it('warns that helm reverts direct patches of helm-managed workloads', () => {
    assert.match(
      planWorkload(web(), { replicas: 4 }, none).warnings.join('\n'),
      /helm release shop.*next `helm upgrade shop` fails with a field conflict.*helm 3 the patch lasts/,
    );
  });

  it('derives the anti-affinity term from the workload selector and keeps terms about other pods and its own terms on other keys', () => {
    const change = planWorkload(web(), { antiAffinity: 'required', topologyKey: 'topology.kubernetes.io/zone' }, none);
    const anti = (change.after as WorkloadObject).spec.template.spec.affinity?.podAntiAffinity;
    assert.deepEqual(anti?.requiredDuringSchedulingIgnoredDuringExecution, [
      { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, topologyKey: 'topology.kubernetes.io/zone' },
    ]);
    assert.deepEqual(
      anti?.preferredDuringSchedulingIgnoredDuringExecution?.map((t) => [
        t.podAffinityTerm.labelSelector?.matchLabels,
        t.podAffinityTerm.topologyKey,
      ]),
      [
        [{ 'app.kubernetes.io/name': 'web' }, 'kubernetes.io/hostname'],
        [{ 'app.kubernetes.io/name': 'cache' }, 'kubernetes.io/hostname'],
      ],
    );
  });

  it('replaces only its own terms on the given key: required on hostname becomes preferred, the zone term stays', () => {
    const zoned = planWorkload(web(), { antiAffinity: 'required', topologyKey: 'topology.kubernetes.io/zone' }, none)
      .after as WorkloadObject;
    const hostRequired = planWorkload(zoned, { antiAffinity: 'required', topologyKey: 'kubernetes.io/hostname' }, none)
      .after as WorkloadObject;
    const change = planWorkload(hostRequired, { antiAffinity: 'preferred', topologyKey: 'kubernetes.io/hostname', weight: 80 }, none);
    const anti = (change.after as WorkloadObject).spec.template.spec.affinity?.podAntiAffinity;
    assert.deepEqual(
      anti?.requiredDuringSchedulingIgnoredDuringExecution?.map((t) => t.topologyKey),
      ['topology.kubernetes.io/zone'],
    );
    assert.deepEqual(
      anti?.preferredDuringSchedulingIgnoredDuringExecution?.map((t) => [
        t.weight,
        t.podAffinityTerm.labelSelector?.matchLabels?.['app.kubernetes.io/name'],
        t.podAffinityTerm.topologyKey,
      ]),
      [
        [50, 'cache', 'kubernetes.io/hostname'],
        [80, 'web', 'kubernetes.io/hostname'],
      ],
    );
  });

  it('lists each of its own terms it removes on another key', () => {
    const zoned = planWorkload(web(), { antiAffinity: 'required', topologyKey: 'topology.kubernetes.io/zone' }, none)
      .after as WorkloadObject;
    assert.match(
      planWorkload(zoned, { antiAffinity: 'none' }, none).notes.join('\n'),
      /Removes its own anti-affinity term\(s\) required on topology\.kubernetes\.io\/zone; preferred \(weight 100\) on kubernetes\.io\/hostname/,
    );
    const moved = planWorkload(zoned, { topologyKey: 'kubernetes.io/hostname' }, none);
    assert.match(moved.notes.join('\n'), /Removes its own anti-affinity term\(s\) required on topology\.kubernetes\.io\/zone/);
  });

  it('moves the existing preferred term to another topology key, keeping its weight', () => {
    const change = planWorkload(web(), { topologyKey: 'topology.kubernetes.io/zone' }, none);
    const preferred =
      (change.after as WorkloadObject).spec.template.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    assert.deepEqual(
      preferred.map((t) => [t.weight, t.podAffinityTerm.topologyKey]),
      [
        [50, 'kubernetes.io/hostname'],
        [100, 'topology.kubernetes.io/zone'],
      ],
    );
  });

  it('adds preferred anti-affinity with weight 100 on hostname to a workload without any', () => {
    const change = planWorkload(shopApi(), { antiAffinity: 'preferred' }, none);
    assert.deepEqual(change.patch, {
      spec: {
        template: {
          spec: {
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  {
                    weight: 100,
                    podAffinityTerm: {
                      labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'shop-api' } },
                      topologyKey: 'kubernetes.io/hostname',
                    },
                  },
                ],
              },
            },
          },
        },
      },
    });
  });

  it('removes only its own anti-affinity with --anti-affinity none', () => {
    const change = planWorkload(web(), { antiAffinity: 'none' }, none);
    const preferred = (change.after as WorkloadObject).spec.template.spec.affinity?.podAntiAffinity
      ?.preferredDuringSchedulingIgnoredDuringExecution;
    assert.equal(preferred?.length, 1);
    const bare = planWorkload(shopApi(), { antiAffinity: 'preferred' }, none).after as WorkloadObject;
    assert.equal(planWorkload(bare, { antiAffinity: 'none' }, none).after.metadata.name, 'shop-api');
    assert.equal((planWorkload(bare, { antiAffinity: 'none' }, none).after as WorkloadObject).spec.template.spec.affinity, undefined);
  });

  it('refuses a topology key alone when the workload has no anti-affinity', () => {
    assert.throws(() => planWorkload(shopApi(), { topologyKey: 'kubernetes.io/hostname' }, none), usage(/no pod anti-affinity/));
  });

  it('merges container requests by container name, leaving other containers alone', () => {
    const change = planWorkload(web(), { container: 'web', requests: { cpu: '300m' } }, none);
    assert.deepEqual(change.patch, {
      spec: { template: { spec: { containers: [{ name: 'web', resources: { requests: { cpu: '300m' } } }] } } },
    });
    assert.deepEqual(change.summary, ['spec.template.spec.containers[web].resources.requests.cpu: 200m → 300m']);
  });

  it('sets resources on init containers too', () => {
    const change = planWorkload(web(), { container: 'migrate', requests: { cpu: '100m', memory: '64Mi' } }, none);
    assert.deepEqual(change.patch, {
      spec: { template: { spec: { initContainers: [{ name: 'migrate', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } },
    });
  });

  it('asks for -c when the pod has several containers, and points injected names to --sidecar', () => {
    assert.throws(() => planWorkload(web(), { requests: { cpu: '1' } }, none), usage(/several containers: web, log, migrate/));
    assert.throws(
      () => planWorkload(shopApi(), { container: 'sidecar-proxy', requests: { cpu: '1' } }, none),
      (e) => e instanceof UserError && /--sidecar proxy/.test(e.hint ?? ''),
    );
  });

  it('refuses a request above the existing limit', () => {
    assert.throws(
      () => planWorkload(web(), { container: 'web', requests: { memory: '1Gi' } }, none),
      usage(/memory request 1Gi is above its limit 512Mi/),
    );
  });
});

describe('planning Wallarm sidecar resources', () => {
  it('writes all four annotations, filling the ones not given from the newest live container', () => {
    const change = planWorkload(
      shopApi(),
      { sidecars: [{ sidecar: 'proxy', requests: { cpu: '200m' }, limits: { cpu: '1' } }] },
      { hpas: [], pods: pods() },
    );
    const written = annotations(change.after as WorkloadObject);
    assert.equal(written['sidecar.wallarm.io/proxy-cpu'], '200m');
    assert.equal(written['sidecar.wallarm.io/proxy-memory'], '128Mi');
    assert.equal(written['sidecar.wallarm.io/proxy-memory-limit'], '256Mi');
    assert.equal(written['sidecar.wallarm.io/proxy-cpu-limit'], '1');
    assert.match(change.notes.join('\n'), /all four .*replaces the chart's default resources/);
    assert.match(change.notes.join('\n'), /pod shop-api-7d9f-new/);
  });

  it('refuses when a value can be neither given nor read from the live container', () => {
    assert.throws(
      () => planWorkload(shopApi(), { sidecars: [{ sidecar: 'proxy', requests: { cpu: '200m' } }] }, { hpas: [], pods: pods() }).after,
      usage(/proxy-cpu-limit has no value in the live container/),
    );
  });

  it('writes all four from the flags alone when no pod runs yet', () => {
    const change = planWorkload(
      shopApi(),
      { sidecars: [{ sidecar: 'init-iptables', requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } }] },
      none,
    );
    assert.deepEqual(
      Object.keys(annotations(change.after as WorkloadObject))
        .filter((k) => k.startsWith('sidecar.wallarm.io/'))
        .sort(),
      [
        'sidecar.wallarm.io/init-iptables-cpu',
        'sidecar.wallarm.io/init-iptables-cpu-limit',
        'sidecar.wallarm.io/init-iptables-memory',
        'sidecar.wallarm.io/init-iptables-memory-limit',
      ],
    );
  });

  it('writes several sidecars in one change (one rollout), each from its own values', () => {
    const change = planWorkload(
      shopApi(),
      {
        sidecars: [
          { sidecar: 'proxy', requests: { cpu: '200m' }, limits: { cpu: '1' } },
          { sidecar: 'init-iptables', requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
        ],
      },
      { hpas: [], pods: pods() },
    );
    const written = annotations(change.after as WorkloadObject);
    assert.equal(written['sidecar.wallarm.io/proxy-cpu'], '200m');
    assert.equal(written['sidecar.wallarm.io/proxy-memory-limit'], '256Mi', 'filled from the live proxy');
    assert.equal(written['sidecar.wallarm.io/init-iptables-cpu'], '10m');
    assert.equal(written['sidecar.wallarm.io/init-iptables-memory-limit'], '32Mi');
    assert.equal(Object.keys(written).filter((k) => k.startsWith('sidecar.wallarm.io/')).length, 8);
    assert.match(change.notes.join('\n'), /sidecar\.wallarm\.io\/\{proxy,init-iptables\}-\* annotations of each/);
  });

  it('names the sidecar whose value is missing when several are written', () => {
    assert.throws(
      () =>
        planWorkload(
          shopApi(),
          {
            sidecars: [
              { sidecar: 'proxy', requests: { cpu: '200m' }, limits: { cpu: '1' } },
              { sidecar: 'init-iptables', requests: { cpu: '10m' } },
            ],
          },
          { hpas: [], pods: pods() },
        ),
      (e) =>
        usage(/init-iptables-memory, sidecar\.wallarm\.io\/init-iptables-cpu-limit/)(e) &&
        /--sidecar init-iptables --requests memory=… --limits cpu=…,memory=…/.test((e as UserError).hint ?? ''),
    );
  });

  it('refuses helper and init-helper when the pods are injected with the single schema', () => {
    for (const sidecar of ['helper', 'init-helper'] as const) {
      assert.throws(
        () =>
          planWorkload(
            shopApi(),
            { sidecars: [{ sidecar, requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }] },
            { hpas: [], pods: pods() },
          ),
        usage(
          /"single" injection schema \(the release's config\.injectionStrategy\.schema, as its live pods show\), which has no sidecar-(init-)?helper/,
        ),
      );
    }
  });

  it("accepts helper when live pods without the annotation run it: the release's global schema is split", () => {
    const splitPods = pods().map((pod) => ({
      ...pod,
      metadata: { ...pod.metadata, annotations: {} },
      spec: { ...pod.spec, containers: [...pod.spec.containers, { name: 'sidecar-helper', resources: { requests: { cpu: '20m' } } }] },
    }));
    const change = planWorkload(
      shopApi(),
      { sidecars: [{ sidecar: 'helper', requests: { memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } }] },
      { hpas: [], pods: splitPods },
    );
    const written = annotations(change.after as WorkloadObject);
    assert.equal(written['sidecar.wallarm.io/helper-cpu'], '20m', 'filled from the live helper');
    assert.equal(written['sidecar.wallarm.io/sidecar-injection-schema'], undefined, 'the global schema is kept, not pinned');
    assert.deepEqual(
      change.warnings.filter((w) => /schema/.test(w)),
      [],
    );
  });

  it('refuses helper when the template pins the single schema, even though older pods run it', () => {
    const single = shopApi();
    single.spec.template.metadata!.annotations!['sidecar.wallarm.io/sidecar-injection-schema'] = 'single';
    const splitPods = pods().map((pod) => ({
      ...pod,
      spec: { ...pod.spec, containers: [...pod.spec.containers, { name: 'sidecar-helper' }] },
    }));
    assert.throws(
      () =>
        planWorkload(
          single,
          { sidecars: [{ sidecar: 'helper', requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }] },
          { hpas: [], pods: splitPods },
        ),
      usage(/"single" injection schema \(its pod template's annotation sidecar\.wallarm\.io\/sidecar-injection-schema\)/),
    );
  });

  it('warns, without refusing, when no live pod shows whether helper will be injected', () => {
    const change = planWorkload(
      shopApi(),
      { sidecars: [{ sidecar: 'helper', requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }] },
      none,
    );
    assert.match(change.warnings.join('\n'), /sidecar-helper is injected with the split schema only, and no live pod/);
  });

  it('accepts helper with the split schema', () => {
    const split = shopApi();
    split.spec.template.metadata!.annotations!['sidecar.wallarm.io/sidecar-injection-schema'] = 'split';
    const change = planWorkload(
      split,
      { sidecars: [{ sidecar: 'helper', requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }] },
      none,
    );
    assert.equal(annotations(change.after as WorkloadObject)['sidecar.wallarm.io/helper-memory-limit'], '1Gi');
  });

  it('refuses requests above limits across given and filled values', () => {
    assert.throws(
      () => planWorkload(shopApi(), { sidecars: [{ sidecar: 'proxy', requests: { memory: '512Mi' } }] }, { hpas: [], pods: pods() }),
      usage(/memory request 512Mi is above its limit 256Mi|has no value/),
    );
  });
});

describe('planning topology spread', () => {
  it('adds a zone spread constraint selecting its own pods, merged by topology key', () => {
    const change = planWorkload(web(), { spread: 'topology.kubernetes.io/zone' }, none);
    assert.deepEqual(change.patch, {
      spec: {
        template: {
          spec: {
            topologySpreadConstraints: [
              {
                maxSkew: 1,
                topologyKey: 'topology.kubernetes.io/zone',
                whenUnsatisfiable: 'ScheduleAnyway',
                labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
              },
            ],
          },
        },
      },
    });
  });

  it('updates the constraint on the same key in place and removes its own with none', () => {
    const spread = planWorkload(web(), { spread: 'kubernetes.io/hostname' }, none).after as WorkloadObject;
    const hard = planWorkload(spread, { spread: 'kubernetes.io/hostname', maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule' }, none);
    assert.deepEqual(hard.patch, {
      spec: {
        template: {
          spec: { topologySpreadConstraints: [{ maxSkew: 2, whenUnsatisfiable: 'DoNotSchedule', topologyKey: 'kubernetes.io/hostname' }] },
        },
      },
    });
    const removed = planWorkload(spread, { spread: 'none' }, none);
    assert.deepEqual(removed.patch, { spec: { template: { spec: { topologySpreadConstraints: null } } } });
  });

  it('removes one constraint of several with a strategic delete directive', () => {
    const both = planWorkload(
      planWorkload(web(), { spread: 'kubernetes.io/hostname' }, none).after as WorkloadObject,
      { spread: 'topology.kubernetes.io/zone' },
      none,
    ).after as WorkloadObject;
    both.spec.template.spec.topologySpreadConstraints![1]!.labelSelector = { matchLabels: { app: 'other' } };
    const removed = planWorkload(both, { spread: 'none' }, none);
    assert.deepEqual(removed.patch, {
      spec: { template: { spec: { topologySpreadConstraints: [{ topologyKey: 'kubernetes.io/hostname', $patch: 'delete' }] } } },
    });
  });

  it('refuses skew options without a spread key (checked once, before any request)', () => {
    assert.throws(
      () => validateWorkloadSettings({ maxSkew: 2, replicas: 3 }),
      usage(/--max-skew and --when-unsatisfiable need --topology-spread/),
    );
  });
});
