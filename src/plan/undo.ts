// Undo: the patch that puts back what a journaled change altered, planned against the live object.
// Only fields the change touched are restored, and only if nobody changed them since.
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { HorizontalPodAutoscaler, KubeObject } from '../k8s/types.ts';
import { makeChange } from './change.ts';
import { helmWarning, hpaOwnerRefusal, workloadOwnerRefusal } from './owner.ts';
import { changedPaths, deepEqual, formatPath, valueAt, withValueAt } from './patch.ts';
import type { ObjectRef, PatchChange, PatchType } from './types.ts';
import { t } from '../i18n/index.ts';

export interface JournaledChange {
  id: string;
  ref: ObjectRef;
  patchType: PatchType;
  before: KubeObject;
  after: KubeObject;
  /** The API server the change was made on. */
  server?: string;
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

/**
 * Context names repeat across clusters (every kind cluster is "kind-kind"): an entry made on another
 * server is refused, or with --force returns the warning to show.
 */
export function checkUndoServer(
  entry: Pick<JournaledChange, 'id' | 'server'>,
  server: string,
  options: { force?: boolean } = {},
): string | undefined {
  if (!entry.server || entry.server === server) return undefined;
  const params = { id: entry.id, journaled: entry.server, server };
  if (!options.force) {
    throw new UserError(t('plan.undo.otherServer', params), {
      hint: t('plan.undo.otherServerHint'),
      exitCode: ExitCode.usage,
    });
  }
  return t('plan.undo.otherServerForced', params);
}

/** An object deleted and re-created under the same name is not the one the entry changed. */
function checkSameObject(entry: JournaledChange, live: KubeObject, force: boolean): string | undefined {
  const journaled = entry.before.metadata.uid;
  if (!journaled || !live.metadata.uid || journaled === live.metadata.uid) return undefined;
  const params = { id: entry.id, object: `${entry.ref.kind}/${entry.ref.name}`, uid: live.metadata.uid, journaled };
  if (!force) {
    throw new UserError(t('plan.undo.recreated', params), {
      hint: t('plan.undo.recreatedHint', { command: 'kubectl get … -o yaml' }),
      exitCode: ExitCode.conflict,
    });
  }
  return t('plan.undo.recreatedForced', params);
}

/** Undo writes like patch does: never behind an owner's back. */
function ownerRefusal(entry: JournaledChange, live: KubeObject, environmentName: string | undefined): UserError | undefined {
  if (entry.ref.kind === 'HorizontalPodAutoscaler') return hpaOwnerRefusal(live as HorizontalPodAutoscaler, {}, environmentName);
  if (entry.ref.kind === 'Deployment' || entry.ref.kind === 'StatefulSet')
    return workloadOwnerRefusal({ ...live, kind: live.kind ?? entry.ref.kind });
  return undefined;
}

export interface UndoOptions {
  force?: boolean;
  /** spec.name of the ApigeeEnvironment owning a live HPA, for the owner's command. */
  environmentName?: string;
}

export function planUndo(entry: JournaledChange, live: KubeObject, options: UndoOptions = {}): PatchChange {
  const warnings: string[] = [];
  const replaced = checkSameObject(entry, live, Boolean(options.force));
  if (replaced) warnings.push(replaced);
  const refusal = ownerRefusal(entry, live, options.environmentName);
  if (refusal) throw refusal;
  const before = writableScope(entry.before);
  const liveScope = writableScope(live);
  const paths = changedPaths(before, writableScope(entry.after), entry.patchType);
  // Already back at the journaled values (undone before, or a pending write that never landed).
  if (paths.every((path) => deepEqual(valueAt(liveScope, path), valueAt(before, path))))
    return makeChange(entry.ref, entry.patchType, live, live, { warnings });
  const changedSince = paths.filter((path) => !deepEqual(valueAt(liveScope, path), valueAt(writableScope(entry.after), path)));
  if (changedSince.length) {
    const list = changedSince.map(formatPath).join(', ');
    if (!options.force) {
      throw new UserError(t('plan.undo.changedSince', { id: entry.id, object: `${entry.ref.kind}/${entry.ref.name}`, list }), {
        hint: t('plan.undo.changedSinceHint', { command: 'kubectl get … -o yaml' }),
        exitCode: ExitCode.conflict,
      });
    }
    warnings.push(t('plan.undo.overwrites', { id: entry.id, list }));
  }
  const helm = helmWarning({ ...live, kind: live.kind ?? entry.ref.kind });
  if (helm) warnings.push(helm);
  // Path by path, so what others added beside the touched fields since (a nodeAffinity) stays.
  const desired = paths.reduce<unknown>((object, path) => withValueAt(object, path, valueAt(before, path), before), live) as KubeObject;
  return makeChange(entry.ref, entry.patchType, live, desired, { warnings });
}
