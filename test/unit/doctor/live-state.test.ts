import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podRequest } from '../../../src/doctor/checks/res-capacity.ts';
import { runDoctor } from '../../../src/doctor/run.ts';
import type { KubeObject, PodSpec } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { doctorOn, ids, loadObjects, only } from './fixture.ts';

// Fixture edits reach deep into objects whose shapes the test does not need to spell.
// biome-ignore lint/suspicious/noExplicitAny: a loosely typed copy of a fixture object
type Editable = Record<string, any>;

const withKind = (kind: string, name: string, change: (o: Editable) => void) => (o: KubeObject) => {
  if (o.kind !== kind || o.metadata.name !== name) return o;
  const copy = structuredClone(o) as Editable;
  change(copy);
  return copy as KubeObject;
};

describe('doctor reads the live state as the controllers do', () => {
  it('does not count a terminating pod as a ready replica', () => {
    // crowded has two ready pods on node-a; add a third, terminating, on node-b.
    const terminating = {
      ...structuredClone(loadObjects('broken.yaml').find((o) => o.metadata.name === 'crowded-1')!),
      metadata: {
        name: 'crowded-3',
        namespace: 'broken',
        labels: { app: 'crowded' },
        deletionTimestamp: '2026-11-25T10:00:00Z',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'crowded-rs', uid: 'rs-crowded', controller: true }],
      },
    };
    (terminating as Editable).spec.nodeName = 'node-b';
    const report = runDoctor(
      snapshotFromObjects([...loadObjects('cluster.yaml'), ...loadObjects('broken.yaml'), terminating]),
      {},
      only('HA002'),
    );
    assert.match(report.findings.find((f) => f.name === 'crowded')?.message ?? '', /all 2 ready pods run on one node/);
  });

  it('does not take anti-affinity against other workloads for spreading', () => {
    const objects = loadObjects('broken.yaml').map(
      withKind('Deployment', 'crowded', (o) => {
        o.spec.template.spec.affinity = {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } } },
            ],
          },
        };
      }),
    );
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects]));
    assert.ok(ids(report, 'crowded').includes('HA001'));
  });

  it('leaves the leader-elected Apigee watcher at 1/1 alone', () => {
    const watcher = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'apigee-watcher-hybrid-1a2b', namespace: 'apigee' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'apigee-watcher-hybrid-1a2b' }, minReplicas: 1, maxReplicas: 1 },
    } as KubeObject;
    const report = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), watcher]));
    assert.ok(!report.findings.some((f) => f.id === 'HPA007'));
  });

  it('treats a KEDA scale-to-zero as information and quotes the condition message', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'keda-hpa-worker',
        namespace: 'jobs',
        ownerReferences: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'worker', uid: 'u', controller: true }],
      },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'worker' },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [{ type: 'External', external: { metric: { name: 's0-queue' }, target: { type: 'AverageValue', averageValue: '5' } } }],
      },
      status: {
        conditions: [
          {
            type: 'ScalingActive',
            status: 'False',
            reason: 'ScalingDisabled',
            message: 'scaling is disabled since the replica count of the target is zero',
          },
        ],
      },
    } as KubeObject;
    const finding = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), hpa])).findings.find((f) => f.id === 'HPA002');
    assert.equal(finding?.severity, 'info');
    assert.match(finding?.message ?? '', /replica count of the target is zero/);
  });

  it('counts a plain init container alone and sidecar init containers with the app', () => {
    const spec = {
      initContainers: [
        { name: 'migrate', resources: { requests: { cpu: '2' } } },
        { name: 'proxy', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
      ],
      containers: [{ name: 'app', resources: { requests: { cpu: '500m' } } }],
    } as PodSpec;
    assert.equal(podRequest(spec, 'cpu'), 2);
    spec.initContainers![0]!.resources = { requests: { cpu: '100m' } };
    assert.equal(podRequest(spec, 'cpu'), 0.6);
    assert.equal(podRequest({ ...spec, resources: { requests: { cpu: '1' } } }, 'cpu'), 1);
  });

  it("lists only ReplicaSets an HPA scales or Apigee runs, not other controllers' ones", () => {
    const rolloutRs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'web-rollout-6f7',
        namespace: 'shop',
        uid: 'rs-r',
        ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'web-rollout', uid: 'r', controller: true }],
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'r' } },
        template: { metadata: { labels: { app: 'r' } }, spec: { containers: [{ name: 'app' }] } },
      },
    } as KubeObject;
    const report = doctorOn('cluster.yaml', 'apigee.yaml');
    const withRollout = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...loadObjects('apigee.yaml'), rolloutRs]));
    assert.equal(withRollout.summary.workloads, report.summary.workloads);
  });

  it('gives a manual fix for a ContainerResource target, which --cpu would not change', () => {
    const objects = loadObjects('healthy.yaml').map(
      withKind('HorizontalPodAutoscaler', 'web', (o) => {
        o.spec.metrics = [
          {
            type: 'ContainerResource',
            containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 95 } },
          },
        ];
      }),
    );
    const finding = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects])).findings.find((f) => f.id === 'HPA011');
    assert.equal(finding?.fix.type, 'manual');
    assert.match(finding?.fix.type === 'manual' ? finding.fix.text : '', /container app/);
  });

  it('sends fixes for an operator-controlled Deployment to its owner', () => {
    const objects = loadObjects('broken.yaml').map(
      withKind('Deployment', 'crowded', (o) => {
        o.metadata.ownerReferences = [{ apiVersion: 'example.com/v1', kind: 'WebApp', name: 'crowded', uid: 'w', controller: true }];
      }),
    );
    const finding = runDoctor(snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects])).findings.find(
      (f) => f.id === 'HA001' && f.name === 'crowded',
    );
    assert.equal(finding?.fix.type, 'manual');
    assert.match(finding?.fix.type === 'manual' ? finding.fix.text : '', /controlled by WebApp\/crowded/);
  });

  it('does not call capacity short while the nodes have not reported any', () => {
    const objects = loadObjects('cluster.yaml').map((o) =>
      o.kind === 'Node' ? { ...o, status: { conditions: [{ type: 'Ready', status: 'True' }] } } : o,
    );
    const report = runDoctor(snapshotFromObjects([...objects, ...loadObjects('broken.yaml')]));
    assert.ok(!report.findings.some((f) => f.id === 'RES003'));
    assert.ok(
      doctorOn('cluster.yaml', 'broken.yaml').findings.some((f) => f.id === 'RES003'),
      'with allocatable reported it does',
    );
  });
});
