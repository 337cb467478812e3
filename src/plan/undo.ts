// Undo: the patch that puts back what a journaled change altered, planned against the live object.
// Only fields the change touched are restored, and only if nobody changed them since.
import { ExitCode, UserError } from '../errors.ts';
import type { KubeObject } from '../snapshot/k8s.ts';
import { makeChange } from './change.ts';
import { applyPatch, deepEqual, diffPatch, formatPath, patchPaths, valueAt } from './patch.ts';
import type { Change, ObjectRef, PatchType } from './types.ts';

export interface JournaledChange {
  id: string;
  ref: ObjectRef;
  patchType: PatchType;
  before: KubeObject;
  after: KubeObject;
}

/** Annotations controllers maintain: never restored. */
const controllerAnnotations = ['deployment.kubernetes.io/revision'];

/** The part of an object a change can alter: spec, labels and annotations. */
export function writableScope(object: KubeObject): Record<string, unknown> {
  const annotations = { ...(object.metadata.annotations ?? {}) };
  for (const key of controllerAnnotations) delete annotations[key];
  return {
    metadata: { labels: object.metadata.labels ?? {}, annotations },
    spec: (object as KubeObject & { spec?: unknown }).spec ?? {},
  };
}


export function planUndo(entry: JournaledChange, live: KubeObject, options: { force?: boolean } = {}): Change {
  const revert = diffPatch(writableScope(entry.after), writableScope(entry.before), entry.patchType) ?? {};
  const paths = patchPaths(revert, entry.patchType);
  const changedSince = paths.filter((path) => !deepEqual(valueAt(writableScope(live), path), valueAt(writableScope(entry.after), path)));
  const warnings: string[] = [];
  if (changedSince.length) {
    const list = changedSince.map(formatPath).join(', ');
    if (!options.force) {
      throw new UserError(`Cannot undo ${entry.id}: ${entry.ref.kind}/${entry.ref.name} changed since then (${list}); undoing would overwrite that later change.`, {
        hint: 'Look at the object first (kubectl get … -o yaml); pass --force to restore the journaled values anyway.',
        exitCode: ExitCode.conflict,
      });
    }
    warnings.push(`Overwrites changes made after ${entry.id}: ${list}.`);
  }
  const desired = applyPatch(live, revert, entry.patchType);
  return makeChange(entry.ref, entry.patchType, live, desired, { warnings });
}
