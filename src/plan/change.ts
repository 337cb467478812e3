// Builds a PatchChange from a before-object and the desired after-object: the patch is their difference.
import type { KubeObject } from '../k8s/types.ts';
import { applyPatch, deepEqual, diffPatch, formatPath, patchPaths, valueAt } from './patch.ts';
import type { Change, ObjectRef, PatchChange, PatchType } from './types.ts';

function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

export function makeChange(
  ref: ObjectRef,
  patchType: PatchType,
  before: KubeObject,
  after: KubeObject,
  extra: { warnings?: string[]; notes?: string[] } = {},
): PatchChange {
  const patch = (diffPatch(before, after, patchType) ?? {}) as Record<string, unknown>;
  if (!deepEqual(applyPatch(before, patch, patchType), after))
    throw new Error(`internal: the ${patchType} patch for ${ref.kind}/${ref.name} does not reproduce the planned object`);
  const summary = patchPaths(patch, patchType).map(
    (path) => `${formatPath(path)}: ${show(valueAt(before, path))} → ${show(valueAt(after, path))}`,
  );
  return { kind: 'patch', ref, patchType, patch, before, after, summary, warnings: extra.warnings ?? [], notes: extra.notes ?? [] };
}

/** True when carrying out the change would alter nothing. */
export function isEmptyChange(change: Change): boolean {
  switch (change.kind) {
    case 'patch':
      return Object.keys(change.patch).length === 0;
    case 'helm-upgrade':
      return deepEqual(change.valuesBefore, change.valuesAfter) && (change.valuesFile === undefined || isEmptyChange(change.valuesFile));
    case 'helm-rollback':
      return false;
    case 'values-file':
      return change.textBefore === change.textAfter;
  }
}

/** The body sent to the API server: the patch plus the resourceVersion it was planned against. */
export function preconditionedPatch(change: PatchChange): Record<string, unknown> {
  const metadata = {
    ...((change.patch.metadata as Record<string, unknown> | undefined) ?? {}),
    resourceVersion: change.before.metadata.resourceVersion,
  };
  return { ...change.patch, metadata };
}
