import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/doctor/finding.ts';
import { PodTrimmer } from '../../../src/snapshot/trim.ts';
import { checkOn, commandOf, doctorOn, noteOf } from './fixture.ts';

const findings = doctorOn('ha-pools.yaml', 'ha-live.yaml').findings;
const found = (id: string, name: string): Finding | undefined => findings.find((f) => f.id === id && f.name === name);
const fixText = (f: Finding | undefined) => (f?.fix.type === 'manual' ? f.fix.text : commandOf(f));

describe('doctor: where the pods really are', () => {
  it('reports replicas a nodeSelector holds on one host although the spec asks for preferred anti-affinity', () => {
    const pinned = found('HA002', 'pinned-host');
    assert.equal(pinned?.severity, 'warning');
    assert.match(pinned?.message ?? '', /all 3 ready pods run on node general-1, the only one their nodeSelector allows/);
    assert.deepEqual(pinned?.evidence.nodeSelector, { 'kubernetes.io/hostname': 'general-1' });
    assert.match(fixText(pinned), /^Widen the nodeSelector so that several nodes match in the pod template of Deployment\/pinned-host/);
    assert.equal(found('HA001', 'pinned-host'), undefined, 'the spec has anti-affinity: only the live placement shows the fault');
  });

  it('reports Pending pods with the scheduler message, and makes required anti-affinity preferred when it is the cause', () => {
    const strict = checkOn('HA009', 'ha-pools.yaml', 'ha-live.yaml').find((f) => f.name === 'strict');
    assert.equal(strict?.severity, 'warning');
    assert.match(
      strict?.message ?? '',
      /^1 pod Pending \(Unschedulable\): 0\/5 nodes are available: .*didn't match pod anti-affinity rules/,
    );
    assert.doesNotMatch(strict?.message ?? '', /\.\.$/);
    assert.deepEqual(
      ((strict?.evidence.pendingPods ?? []) as { pod: string; reason: string }[]).map(({ pod, reason }) => [pod, reason]),
      [['strict-3', 'Unschedulable']],
    );
    assert.equal(strict?.evidence.readyPods, 2);
    assert.equal(
      commandOf(strict),
      'kubectl scale-ha patch workload deployment/strict --anti-affinity preferred --topology-key kubernetes.io/hostname -n live',
    );
    const cause = findings.find((f) => f.name === 'strict' && f.related?.some((r) => r.id === 'HA009'));
    assert.ok(cause && ['HA003', 'HA006'].includes(cause.id), 'in the report, the Pending pod is evidence of the required anti-affinity');
  });

  it('calls Pending pods an error when no pod of the workload is ready, and names capacity as the way out', () => {
    const hungry = found('HA009', 'hungry');
    assert.equal(hungry?.severity, 'error');
    assert.match(hungry?.message ?? '', /1 pod Pending \(Unschedulable\) and none ready: .*Insufficient cpu/);
    assert.match(fixText(hungry), /^Free or add nodes with room for the pods, or lower their requests/);
  });

  it('keeps the message of a PodScheduled=False condition through the trim, and drops the other messages', () => {
    const trimmed = new PodTrimmer().trim({
      metadata: { name: 'p', namespace: 'live' },
      spec: { containers: [] },
      status: {
        conditions: [
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' },
          { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' },
        ],
      },
    });
    assert.deepEqual(trimmed.status?.conditions, [
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' },
      { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
    ]);
  });
});

describe('doctor: rollouts that stopped progressing (HA011)', () => {
  const rollout = doctorOn('cluster.yaml', 'ha-rollout.yaml').findings;

  it('keeps a stuck rollout and its Pending pod under the anti-affinity that holds them, whose fix says how to let it through', () => {
    const [stalled] = rollout.filter((f) => f.name === 'stalled');
    assert.equal(stalled?.id, 'HA006');
    assert.deepEqual(
      stalled?.related?.map((r) => r.id),
      ['HA009', 'HA011'],
    );
    assert.match(
      stalled?.related?.[1]?.message ?? '',
      /^rollout not progressing \(ProgressDeadlineExceeded\): 1 of 3 pods updated, 3 available/,
    );
    assert.match(commandOf(stalled), /--anti-affinity preferred/);
    assert.match(noteOf(stalled), /First let one old pod go: kubectl patch deployment stalled -n rollout .*"maxUnavailable":1/);
  });

  it('reports a stuck rollout without a known cause on its own, an error when no pod is available', () => {
    const crashing = rollout.filter((f) => f.name === 'crashing');
    assert.deepEqual(
      crashing.map((f) => [f.id, f.severity]),
      [['HA011', 'error']],
    );
    assert.match(crashing[0]?.message ?? '', /"ReplicaSet "crashing-5f4" has timed out progressing"\.$/);
    assert.match(crashing[0]?.fix.type === 'manual' ? crashing[0].fix.text : '', /kubectl rollout undo deployment\/crashing -n rollout/);
  });
});
