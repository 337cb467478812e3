import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runDoctor } from '../../../src/doctor/run.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { checkOn, commandOf, doctorOn, ids, loadObjects, noteOf } from './fixture.ts';

describe('doctor: HA checks', () => {
  const report = doctorOn('cluster.yaml', 'broken.yaml');

  it('flags several replicas without anti-affinity, all on one node, without a PDB', () => {
    assert.deepEqual(ids(report, 'crowded').sort(), ['HA001', 'HA002', 'HA004']);
    const [onOneNode] = checkOn('HA002', 'cluster.yaml', 'broken.yaml').filter((f) => f.name === 'crowded');
    assert.equal(onOneNode?.severity, 'error');
    assert.match(commandOf(onOneNode), /--anti-affinity preferred --topology-key kubernetes\.io\/hostname -n broken$/);
    // The missing spread is the cause, the pods on one node what it costs: one finding, an error.
    const spread = report.findings.find((f) => f.id === 'HA001' && f.name === 'crowded');
    assert.deepEqual(
      spread?.related?.map((r) => r.id),
      ['HA002'],
    );
    assert.equal(spread?.severity, 'error');
    assert.equal(commandOf(spread), commandOf(onOneNode));
  });

  it('flags required anti-affinity that cannot fit maxReplicas, a PDB that blocks every eviction, and a rollout deadlock', () => {
    const strict = report.findings.filter((f) => f.name === 'strict' && f.kind === 'Deployment');
    const unschedulable = strict.find((f) => f.id === 'HA003');
    assert.match(unschedulable?.message ?? '', /fits 3 pods, but its HPA may scale to maxReplicas 10: 7 would stay Pending/);
    // Its own fix (required → preferred) is a rollout that the same term would hold: it says how to let it through.
    assert.match(
      noteOf(unschedulable),
      /Its rollout cannot start a new pod: .* holds all 3 eligible domains and maxUnavailable is 0.*"maxUnavailable":1/,
    );
    assert.match(strict.find((f) => f.id === 'HA005')?.message ?? '', /maxUnavailable 0/);
    assert.ok(
      unschedulable?.related?.some((f) => f.id === 'HA006'),
      'rollout deadlock with 3 replicas on 3 nodes and default maxUnavailable (0), kept as evidence of the same term',
    );
  });

  it('does not report a rollout deadlock when maxUnavailable allows progress', () => {
    const objects = loadObjects('broken.yaml').map((o) =>
      o.kind === 'Deployment' && o.metadata.name === 'strict'
        ? {
            ...o,
            spec: { ...(o as unknown as { spec: object }).spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } },
          }
        : o,
    );
    const fixed = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    assert.ok(!ids(fixed, 'strict').includes('HA006'));
  });

  it('flags a PDB minAvailable above the HPA minReplicas', () => {
    const objects = [
      ...loadObjects('healthy.yaml').filter((o) => o.kind !== 'PodDisruptionBudget'),
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
      },
    ];
    const result = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    assert.match(result.findings.find((f) => f.id === 'HA005')?.message ?? '', /HPA may scale down to 2/);
  });
});

describe('doctor: resource checks', () => {
  it('flags containers without requests, and fixes the memory limit in the same rollout so no second finding follows', () => {
    const report = doctorOn('cluster.yaml', 'broken.yaml');
    const pinned = checkOn('RES001', 'cluster.yaml', 'broken.yaml').find((f) => f.name === 'pinned');
    assert.match(pinned?.message ?? '', /container app has no cpu and memory request/);
    assert.equal(
      commandOf(pinned),
      'kubectl scale-ha patch workload deployment/pinned -c app --requests cpu=100m,memory=128Mi --limits memory=128Mi -n broken',
    );
    assert.match(noteOf(pinned), /It also sets the memory limit 128Mi, so the container is complete in one rollout/);
    const hpa = report.findings.find((f) => f.id === 'HPA003' && f.name === 'pinned');
    assert.equal(commandOf(hpa), commandOf(pinned), 'the missing cpu request and RES001 are one fix');
    assert.deepEqual(
      hpa?.related?.map((r) => `${r.id} ${r.kind}/${r.name}`),
      ['RES001 Deployment/pinned'],
      'so they are one finding, the rest its evidence',
    );
    assert.ok(!report.findings.some((f) => f.id === 'RES001' && f.name === 'pinned'));
  });

  it('never suggests a zero: a memory limit fix for a container whose memory request is 0 starts from a real value', () => {
    const objects = loadObjects('broken.yaml').map((o) =>
      o.metadata.name === 'pinned'
        ? (JSON.parse(
            JSON.stringify(o).replace('"name":"app"', '"name":"app","resources":{"requests":{"cpu":"100m","memory":"0"}}'),
          ) as KubeObject)
        : o,
    );
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    const limit = report.findings.find((f) => f.id === 'RES001' && f.name === 'pinned');
    assert.match(limit?.message ?? '', /has no memory limit/);
    assert.equal(commandOf(limit), 'kubectl scale-ha patch workload deployment/pinned -c app --limits memory=128Mi -n broken');
  });

  it('flags the Wallarm store memory limit below the arena with a values fix, without leaking other env values', () => {
    const report = doctorOn('cluster.yaml', 'wallarm-store.yaml');
    const arena = report.findings.find((f) => f.id === 'RES002');
    assert.equal(arena?.severity, 'error');
    assert.match(arena?.message ?? '', /memory limit is below the arena of 2Gi \(it will be OOM-killed\)/);
    assert.equal(arena?.fix.type, 'values');
    const fix = arena?.fix.type === 'values' ? arena.fix : undefined;
    assert.equal(fix?.release, 'wallarm-sidecar');
    assert.equal(fix?.namespace, 'wallarm');
    assert.deepEqual(fix?.values, [{ path: 'postanalytics.wstore.resources.limits.memory', value: '2560Mi' }]);
    assert.match(fix?.note ?? '', /^Arena 2Gi read from the pod's SLAB_ALLOC_ARENA \(set by postanalytics\.wstore\.config\.arena\)\./);
    assert.match(fix?.note ?? '', /--reset-then-reuse-values/);
    assert.doesNotMatch(JSON.stringify(report), /do-not-leak/);
  });

  it('flags maxReplicas × requests above the allocatable of the eligible nodes', () => {
    const report = doctorOn('cluster.yaml', 'broken.yaml');
    const capacity = report.findings.find((f) => f.id === 'RES003' && f.name === 'strict');
    assert.match(capacity?.message ?? '', /at maxReplicas 10 the pods request 20 cpu, more than the 12 allocatable on 3 eligible nodes/);
  });

  it("fixes the Wallarm chart's own Deployments through the release values, not a patch", () => {
    const objects = loadObjects('wallarm-sidecar.yaml').map((o) =>
      o.metadata.name === 'wallarm-sidecar-controller'
        ? { ...o, spec: { ...(o as unknown as { spec: { template: object } }).spec, replicas: 2 } }
        : o,
    );
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    const spread = report.findings.find((f) => f.id === 'HA001' && f.name === 'wallarm-sidecar-controller');
    assert.equal(spread?.fix.type, 'values');
    assert.deepEqual(spread?.fix.type === 'values' && spread.fix.values.map((edit) => edit.path), ['controller.affinity.podAntiAffinity']);
  });

  it('sends resource fixes of Apigee-rendered pods to overrides.yaml', () => {
    const resources = runDoctor(
      snapshotFromObjects([
        ...loadObjects('cluster.yaml'),
        ...loadObjects('apigee.yaml').map((o) =>
          o.kind === 'ReplicaSet'
            ? {
                ...o,
                spec: {
                  ...(o as unknown as { spec: { template: { spec: object } } }).spec,
                  template: { metadata: { labels: { app: 'apigee-runtime' } }, spec: { containers: [{ name: 'apigee-runtime' }] } },
                },
              }
            : o,
        ),
      ]),
      { category: 'resources' },
    );
    const missing = resources.findings.find((f) => f.id === 'RES001');
    assert.equal(missing?.fix.type, 'manual');
    assert.match(
      missing?.fix.type === 'manual' ? missing.fix.text : '',
      /rendered by the Apigee operator from ApigeeEnvironment\/hybrid-test-1a2b3c4: set runtime\.resources: \{"requests":\{"cpu":"100m","memory":"128Mi"\},"limits":\{"memory":"128Mi"\}\} in overrides\.yaml/,
    );
  });
});
