import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/errors.ts';
import { applyPatch, clone } from '../../../src/plan/patch.ts';
import { planUndo, writableScope } from '../../../src/plan/undo.ts';
import { planWorkload } from '../../../src/plan/workload.ts';
import type { WorkloadObject } from '../../../src/snapshot/k8s.ts';
import { fixture } from './fixtures.ts';

function applied() {
  const before = fixture<WorkloadObject>('deployment-web.yaml');
  const change = planWorkload(before, { container: 'web', requests: { cpu: '300m' }, limits: { cpu: '1' }, antiAffinity: 'required' }, { hpas: [], pods: [] });
  const after = clone(change.after);
  after.metadata.resourceVersion = '4002';
  after.metadata.annotations = { ...after.metadata.annotations, 'deployment.kubernetes.io/revision': '2' };
  return { entry: { id: 'j1', ref: change.ref, patchType: change.patchType, before, after }, before, after };
}

describe('planning an undo', () => {
  it('restores exactly the fields the change touched', () => {
    const { entry, before, after } = applied();
    const undo = planUndo(entry, after);
    const restored = applyPatch(after, undo.patch, undo.patchType);
    const scope = writableScope(restored);
    assert.deepEqual(scope.spec, writableScope(before).spec);
    assert.equal(restored.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
  });

  it('keeps later changes to other fields', () => {
    const { entry, after } = applied();
    const live = clone(after) as WorkloadObject;
    live.spec.replicas = 7;
    const restored = applyPatch(live, planUndo(entry, live).patch, 'strategic') as WorkloadObject;
    assert.equal(restored.spec.replicas, 7);
    assert.equal(restored.spec.template.spec.containers[0]!.resources?.requests?.cpu, '200m');
    assert.equal(restored.spec.template.spec.containers[0]!.resources?.limits?.cpu, undefined);
  });

  it('refuses when a touched field changed since, unless forced', () => {
    const { entry, after } = applied();
    const live = clone(after) as WorkloadObject;
    live.spec.template.spec.containers[0]!.resources!.requests!.cpu = '400m';
    assert.throws(() => planUndo(entry, live), (e) => e instanceof UserError && e.exitCode === ExitCode.conflict && /containers\[web\]\.resources\.requests\.cpu/.test(e.message));
    assert.match(planUndo(entry, live, { force: true }).warnings.join(), /Overwrites changes made after j1/);
  });

  it('plans nothing when the object is already back to its before-state', () => {
    const { entry, before } = applied();
    assert.throws(() => planUndo(entry, before), (e) => e instanceof UserError && e.exitCode === ExitCode.conflict);
  });
});
