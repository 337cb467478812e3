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

export interface Change {
  ref: ObjectRef;
  patchType: PatchType;
  /** The patch without the resourceVersion precondition (the pipeline adds it). */
  patch: Record<string, unknown>;
  before: KubeObject;
  /** `before` with the patch applied locally; the server's dry-run answer replaces it for the diff. */
  after: KubeObject;
  /** One line per field changed, e.g. "maxReplicas: 8 → 10". */
  summary: string[];
  warnings: string[];
  /** Facts the user should know that are not problems (e.g. "writes all four annotations"). */
  notes: string[];
}

export function describeRef(ref: ObjectRef): string {
  return `${ref.kind.toLowerCase()}/${ref.name} in namespace ${ref.namespace}`;
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
