import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, UserError } from '../../../src/k8s/errors.ts';
import { applyPatch, clone } from '../../../src/plan/patch.ts';
import { checkUndoServer, planUndo, writableScope } from '../../../src/plan/undo.ts';
import { planHpa } from '../../../src/plan/hpa.ts';
import { planWorkload } from '../../../src/plan/workload.ts';
import type { HorizontalPodAutoscaler, WorkloadObject } from '../../../src/k8s/types.ts';
import { fixture } from './fixtures.ts';

function applied() {
  const before = fixture<WorkloadObject>('deployment-web.yaml');
  const change = planWorkload(
    before,
    { container: 'web', requests: { cpu: '300m' }, limits: { cpu: '1' }, antiAffinity: 'required' },
    { hpas: [], pods: [] },
  );
  const after = clone(change.after);
  after.metadata.resourceVersion = '4002';
  after.metadata.annotations = { ...after.metadata.annotations, 'deployment.kubernetes.io/revision': '2' };
  return { entry: { id: 'j1', ref: change.ref, patchType: change.patchType, before, after }, before, after };
}

const otherTeamsNodeAffinity = {
  requiredDuringSchedulingIgnoredDuringExecution: {
    nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['general'] }] }],
  },
};

/** Our change added podAntiAffinity to a workload without affinity; someone added a nodeAffinity since. */
function antiAffinityAdded() {
  const before = fixture<WorkloadObject>('deployment-web.yaml');
  delete before.spec.template.spec.affinity;
  const change = planWorkload(before, { antiAffinity: 'required' }, { hpas: [], pods: [] });
  const entry = { id: 'j2', ref: change.ref, patchType: change.patchType, before, after: clone(change.after) };
  const live = clone(change.after) as WorkloadObject;
  live.spec.template.spec.affinity = { ...live.spec.template.spec.affinity, nodeAffinity: otherTeamsNodeAffinity };
  return { entry, live };
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
    assert.throws(
      () => planUndo(entry, live),
      (e) => e instanceof UserError && e.exitCode === ExitCode.conflict && /containers\[web\]\.resources\.requests\.cpu/.test(e.message),
    );
    assert.match(planUndo(entry, live, { force: true }).warnings.join(), /Overwrites changes made after j1/);
  });

  it('keeps a nodeAffinity added since under the affinity our change created, with or without --force', () => {
    const { entry, live } = antiAffinityAdded();
    const plain = applyPatch(live, planUndo(entry, live).patch, 'strategic') as WorkloadObject;
    assert.deepEqual(plain.spec.template.spec.affinity, { nodeAffinity: otherTeamsNodeAffinity });
    const forced = applyPatch(live, planUndo(entry, live, { force: true }).patch, 'strategic') as WorkloadObject;
    assert.deepEqual(forced.spec.template.spec.affinity, { nodeAffinity: otherTeamsNodeAffinity });
  });

  it('a forced undo restores our podAntiAffinity changed since and keeps their nodeAffinity', () => {
    const { entry, live } = antiAffinityAdded();
    live.spec.template.spec.affinity!.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution![0]!.topologyKey =
      'topology.kubernetes.io/zone';
    assert.throws(
      () => planUndo(entry, live),
      (e) => e instanceof UserError && e.exitCode === ExitCode.conflict && /affinity\.podAntiAffinity\.required/.test(e.message),
    );
    const forced = applyPatch(live, planUndo(entry, live, { force: true }).patch, 'strategic') as WorkloadObject;
    assert.deepEqual(forced.spec.template.spec.affinity, { nodeAffinity: otherTeamsNodeAffinity });
  });

  it('a forced undo puts back the podAntiAffinity our change removed, next to a nodeAffinity added since', () => {
    const before = fixture<WorkloadObject>('deployment-web.yaml');
    const change = planWorkload(before, { antiAffinity: 'none' }, { hpas: [], pods: [] });
    const entry = { id: 'j3', ref: change.ref, patchType: change.patchType, before, after: clone(change.after) };
    const live = clone(change.after) as WorkloadObject;
    live.spec.template.spec.affinity = { ...live.spec.template.spec.affinity, nodeAffinity: otherTeamsNodeAffinity };
    live.spec.template.spec.affinity.podAntiAffinity!.preferredDuringSchedulingIgnoredDuringExecution![0]!.weight = 10;
    const forced = applyPatch(live, planUndo(entry, live, { force: true }).patch, 'strategic') as WorkloadObject;
    assert.deepEqual(forced.spec.template.spec.affinity, {
      ...before.spec.template.spec.affinity,
      nodeAffinity: otherTeamsNodeAffinity,
    });
  });

  it('keeps a container added since when undoing a change to another container', () => {
    const { entry, after } = applied();
    const live = clone(after) as WorkloadObject;
    live.spec.template.spec.containers.push({ name: 'debug', image: 'busybox' });
    live.spec.template.spec.containers[0]!.resources!.requests!.cpu = '400m';
    const forced = applyPatch(live, planUndo(entry, live, { force: true }).patch, 'strategic') as WorkloadObject;
    assert.deepEqual(
      forced.spec.template.spec.containers.map((c) => c.name),
      ['web', 'log', 'debug'],
    );
    assert.equal(forced.spec.template.spec.containers[0]!.resources?.requests?.cpu, '200m');
  });

  it('plans nothing when the object is already back to its before-state', () => {
    // a second undo of the same entry, or a pending write that never landed
    const { entry, before } = applied();
    assert.deepEqual(planUndo(entry, before).patch, {});
  });

  it('refuses when the live object was re-created (another uid), unless forced', () => {
    const { entry, after } = applied();
    entry.before.metadata.uid = 'uid-old';
    const live = clone(after) as WorkloadObject;
    live.metadata.uid = 'uid-new';
    assert.throws(
      () => planUndo(entry, live),
      (e) => e instanceof UserError && e.exitCode === ExitCode.conflict && /uid uid-new.*had uid uid-old/.test(e.message),
    );
    assert.match(planUndo(entry, live, { force: true }).warnings.join('\n'), /deleted and re-created since/);
  });

  it('refuses an entry made on another API server even when the context name matches, unless forced', () => {
    const { entry } = applied();
    const made = { ...entry, server: 'https://10.0.0.1:6443' };
    assert.throws(
      () => checkUndoServer(made, 'https://10.9.9.9:6443'),
      (e) =>
        e instanceof UserError &&
        e.exitCode === ExitCode.usage &&
        /made on the API server https:\/\/10\.0\.0\.1:6443.*points at https:\/\/10\.9\.9\.9:6443/.test(e.message),
    );
    assert.match(checkUndoServer(made, 'https://10.9.9.9:6443', { force: true }) ?? '', /Restoring anyway/);
    assert.equal(checkUndoServer(made, 'https://10.0.0.1:6443'), undefined);
  });

  it('refuses to undo on an HPA an operator has taken over since, naming the owner', () => {
    const hpa = fixture<HorizontalPodAutoscaler>('hpa-web.yaml');
    const change = planHpa(hpa, { max: 10 });
    const entry = { id: 'j2', ref: change.ref, patchType: change.patchType, before: hpa, after: clone(change.after) };
    const live = clone(change.after);
    live.metadata.ownerReferences = [
      { apiVersion: 'apigee.cloud.google.com/v1alpha2', kind: 'ApigeeEnvironment', name: 'test-env', uid: 'u', controller: true },
    ];
    assert.throws(
      () => planUndo(entry, live, { environmentName: 'test' }),
      (e) => e instanceof UserError && /owned by ApigeeEnvironment test-env/.test(e.message),
    );
  });

  it('warns that helm reverts the undo of a helm-managed workload, as patch does', () => {
    const { entry, after } = applied();
    assert.match(
      planUndo(entry, after).warnings.join('\n'),
      /helm release shop.*next `helm upgrade shop` fails with a field conflict.*helm 3 the patch lasts/,
    );
  });
});
