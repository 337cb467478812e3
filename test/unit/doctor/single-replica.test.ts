import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/doctor/finding.ts';
import { runDoctor } from '../../../src/doctor/run.ts';
import { snapshotFromObjects } from '../../../src/snapshot/from-objects.ts';
import { commandOf, doctorOn, loadObjects, noteOf, shownFix } from './fixture.ts';

const findings = doctorOn('single-replica.yaml').findings;
const single = (name: string): Finding | undefined => findings.find((f) => f.id === 'HA008' && f.name === name);

describe('doctor: a single replica without an HPA (HA008)', () => {
  it('warns about a Deployment with replicas 1 and fixes it with 2 replicas', () => {
    const lonely = single('lonely');
    assert.equal(lonely?.severity, 'warning');
    assert.match(lonely?.message ?? '', /runs a single replica and no HPA scales it/);
    assert.equal(commandOf(lonely), 'kubectl scale-ha patch workload deployment/lonely --replicas 2 -n solo');
  });

  it('counts an unset spec.replicas as one, on a StatefulSet too', () => {
    const unset = single('unset');
    assert.match(unset?.message ?? '', /single replica \(spec\.replicas unset\)/);
    assert.equal(unset?.evidence.replicas, null);
    assert.equal(commandOf(unset), 'kubectl scale-ha patch workload statefulset/unset --replicas 2 -n solo');
  });

  it('leaves a workload scaled to 0 alone', () => {
    assert.equal(single('stopped'), undefined);
  });

  it('leaves a workload an HPA scales to HPA008, so one cause gives one finding', () => {
    assert.equal(single('scaled'), undefined);
    assert.ok(findings.some((f) => f.id === 'HPA008' && f.name === 'scaled'));
  });

  it("raises the Wallarm controller through its chart's controller.replicaCount", () => {
    const fix = shownFix(single('wallarm-sidecar-controller'));
    assert.equal(fix?.type, 'values');
    assert.deepEqual(fix?.type === 'values' && fix.values, [{ path: 'controller.replicaCount', value: 2 }]);
    assert.equal(
      fix?.type === 'values' && fix.command,
      'kubectl scale-ha patch workload deployment/wallarm-sidecar-controller --replicas 2 -n wallarm',
    );
  });

  it('keeps the leader-elected Apigee watcher silent, and raises another Apigee component through its CR', () => {
    assert.equal(single('apigee-watcher-hybrid-1a2b3c4'), undefined);
    const mart = single('apigee-mart-hybrid-1a2b3c4');
    assert.equal(commandOf(mart), 'kubectl scale-ha patch org mart --min 2 -n apigee');
    assert.match(noteOf(mart), /owned by ApigeeOrganization\/hybrid: a direct patch is reverted by the operator/);
  });

  it("raises an Apigee component's max with its min when the CR's max is below 2 (min may not exceed max)", () => {
    const objects = loadObjects('single-replica.yaml').map((o) =>
      o.kind === 'ApigeeOrganization' ? { ...o, spec: { components: { mart: { autoScaler: { minReplicas: 1, maxReplicas: 1 } } } } } : o,
    );
    const mart = runDoctor(snapshotFromObjects(objects)).findings.find((f) => f.id === 'HA008' && f.name.startsWith('apigee-mart'));
    assert.equal(commandOf(mart), 'kubectl scale-ha patch org mart --min 2 --max 2 -n apigee');
  });
});
