// What a planned write is: one object, one patch, and the before/after pictures for the diff.
import type { KubeObject } from '../k8s/types.ts';

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

export interface HelmRelease {
  name: string;
  namespace: string;
}

/** `helm upgrade` of a release with its current user values plus the change, and nothing else. */
export interface HelmUpgradeChange extends ChangeBase {
  kind: 'helm-upgrade';
  release: HelmRelease;
  /** The deployed chart (name and version), reused unless the user names another. */
  chart: { name: string; version: string; ref?: string };
  valuesBefore: Record<string, unknown>;
  valuesAfter: Record<string, unknown>;
}

/** An edit of the user's values or overrides file, written atomically with comments kept. */
export interface ValuesFileChange extends ChangeBase {
  kind: 'values-file';
  path: string;
  textBefore: string;
  textAfter: string;
}

export type Change = PatchChange | HelmUpgradeChange | ValuesFileChange;
export type ChangeKind = Change['kind'];

/** How a change names its target in messages: "HorizontalPodAutoscaler/web", "helm release shop/web", a file path. */
export function changeTarget(change: Change): string {
  switch (change.kind) {
    case 'patch':
      return `${change.ref.kind}/${change.ref.name}`;
    case 'helm-upgrade':
      return `helm release ${change.release.namespace}/${change.release.name}`;
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
