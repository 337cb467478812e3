// HPA002 on freshly started pods: metrics missing while the HPA controller still waits for their first samples is
// information, not an error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/doctor/finding.ts';
import { runDoctor } from '../../../src/doctor/run.ts';
import type { KubeObject } from '../../../src/k8s/types.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { loadObjects } from './fixture.ts';

const now = '2026-03-01T12:00:00Z';
const secondsBefore = (seconds: number) => new Date(Date.parse(now) - seconds * 1000).toISOString();
const unready = 'the HPA was unable to compute the replica count: did not receive metrics for targeted pods (pods might be unready)';

/** healthy.yaml with its pods `ages` seconds old and its HPA failing to read metrics as the controller says. */
function scalingActive(ages: number[], message = unready, metric = 'cpu'): Finding | undefined {
  let pod = 0;
  const objects = loadObjects('healthy.yaml').map((o): KubeObject => {
    if (o.kind === 'Pod')
      return { ...o, metadata: { ...o.metadata, creationTimestamp: secondsBefore(ages[pod++ % ages.length]!) } } as KubeObject;
    if (o.kind !== 'HorizontalPodAutoscaler') return o;
    const hpa = structuredClone(o) as KubeObject & { spec: { metrics: unknown[] }; status: unknown };
    hpa.spec.metrics = [{ type: 'Resource', resource: { name: metric, target: { type: 'Utilization', averageUtilization: 60 } } }];
    hpa.status = { conditions: [{ type: 'ScalingActive', status: 'False', reason: 'FailedGetResourceMetric', message }] };
    return hpa;
  });
  const snapshot = snapshotFromObjects([...loadObjects('cluster.yaml'), ...objects], { takenAt: now });
  return runDoctor(snapshot).findings.find((f) => f.id === 'HPA002');
}

describe('doctor: metrics of new pods (HPA002)', () => {
  it('says "no metrics yet" while every pod is younger than the cpu-initialization-period', () => {
    const young = scalingActive([40, 90, 120]);
    assert.equal(young?.severity, 'info');
    assert.match(
      young?.message ?? '',
      /^no metrics yet \(FailedGetResourceMetric\): every pod of Deployment\/web started within the last 120 s/,
    );
    assert.equal(young?.evidence.graceSeconds, 300);
  });

  it('is an error once one pod is older than that', () => {
    const old = scalingActive([40, 90, 400]);
    assert.equal(old?.severity, 'error');
    assert.match(old?.message ?? '', /^ScalingActive=False \(FailedGetResourceMetric\)/);
  });

  it('allows a memory HPA only the initial-readiness-delay', () => {
    assert.equal(scalingActive([20], unready, 'memory')?.severity, 'info');
    assert.equal(scalingActive([45], unready, 'memory')?.severity, 'error');
  });

  it('calls a missing request an error however new the pods are', () => {
    const missing = scalingActive([10], 'failed to get cpu utilization: missing request for cpu in container app of Pod web-5d9-a');
    assert.equal(missing?.severity, 'error');
  });
});
