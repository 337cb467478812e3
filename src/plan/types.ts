// What a planned write is: one object, one patch, and the before/after pictures for the diff.
import type { KubeObject } from '../k8s/types.ts';
import type { HelmRelease } from '../profiles/generic.ts';
import type { ValuesEdit } from '../profiles/values/model.ts';
import { t } from '../i18n/index.ts';

/** merge = JSON merge patch (custom resources); strategic = strategic merge patch (built-in kinds). */
export type PatchType = 'merge' | 'strategic';

export interface ObjectRef {
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name, as RBAC and URLs spell it. */
  resource: string;
  kind: string;
  namespace: string;
  name: string;
}

/** What every planned change shows before it is confirmed. */
interface ChangeBase {
  /** One line per field changed, e.g. "maxReplicas: 8 → 10". */
  summary: string[];
  warnings: string[];
  /** Facts the user should know that are not problems (e.g. "writes all four annotations"). */
  notes: string[];
}

/** A PATCH of one object, carrying the resourceVersion it was planned against. */
export interface PatchChange extends ChangeBase {
  kind: 'patch';
  ref: ObjectRef;
  patchType: PatchType;
  /** The patch without the resourceVersion precondition (the executor adds it). */
  patch: Record<string, unknown>;
  before: KubeObject;
  /** `before` with the patch applied locally; the server's dry-run answer replaces it for the diff. */
  after: KubeObject;
}

/** A chart as helm can install it: the deployed one (extracted from the release) unless the user names another. */
export interface ChartSource {
  name: string;
  version: string;
  /** --chart PATH|REF; undefined: reuse the chart stored in the deployed release. */
  ref?: string;
}

/**
 * `helm upgrade` of a release with its current user values plus the change, and nothing else: the
 * whole user values are passed as one file with --reset-values, so nothing a user set is lost and no
 * chart default is frozen in. Planned against a deployed revision: a newer one is a conflict.
 */
export interface HelmUpgradeChange extends ChangeBase {
  kind: 'helm-upgrade';
  release: HelmRelease;
  chart: ChartSource;
  /** The deployed revision the change was planned against. */
  revision: number;
  /** The release's user-supplied values (`helm get values`), and those plus the change. */
  valuesBefore: Record<string, unknown>;
  valuesAfter: Record<string, unknown>;
  /** The user's own values or overrides file (--values), kept in step and written with the upgrade. */
  valuesFile?: ValuesFileChange;
}

/** An edit of the user's values or overrides file, written atomically with comments kept. */
export interface ValuesFileChange extends ChangeBase {
  kind: 'values-file';
  path: string;
  textBefore: string;
  textAfter: string;
  /** The edits that put the changed keys back: all the journal keeps (the file may hold secrets). */
  restore?: ValuesEdit[];
}

/** `helm rollback` to an earlier revision: how a helm upgrade is undone. */
export interface HelmRollbackChange extends ChangeBase {
  kind: 'helm-rollback';
  release: HelmRelease;
  /** The revision deployed now, planned against, and the one to roll back to. */
  revision: number;
  toRevision: number;
  valuesBefore: Record<string, unknown>;
  valuesAfter: Record<string, unknown>;
  /** The user's values file put back as it was before the upgrade. */
  valuesFile?: ValuesFileChange;
}

export type Change = PatchChange | HelmUpgradeChange | HelmRollbackChange | ValuesFileChange;
export type ChangeKind = Change['kind'];

/** How a change names its target in messages: "HorizontalPodAutoscaler/web", "helm release shop/web", a file path. */
export function changeTarget(change: Change): string {
  switch (change.kind) {
    case 'patch':
      return `${change.ref.kind}/${change.ref.name}`;
    case 'helm-upgrade':
    case 'helm-rollback':
      return t('plan.target.helmRelease', { release: `${change.release.namespace}/${change.release.name}` });
    case 'values-file':
      return change.path;
  }
}

export function refOf(object: KubeObject, ref: Omit<ObjectRef, 'namespace' | 'name'>): ObjectRef {
  return { ...ref, namespace: object.metadata.namespace ?? 'default', name: object.metadata.name };
}

/** deployment/web, as the user names a workload on the command line. */
export const workloadName = (workload: KubeObject) => `${(workload.kind ?? 'Deployment').toLowerCase()}/${workload.metadata.name}`;

export const hpaResource = {
  group: 'autoscaling',
  version: 'v2',
  resource: 'horizontalpodautoscalers',
  kind: 'HorizontalPodAutoscaler',
} as const;
export const deploymentResource = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' } as const;
export const statefulSetResource = { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet' } as const;
