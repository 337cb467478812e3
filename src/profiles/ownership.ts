// Who owns an object or the scaling of a workload: the party whose settings win over a direct patch.
// One place for these rules: doctor fixes, list's owner column and patch refusals all use them.
import type { HorizontalPodAutoscaler, KubeObject } from '../k8s/types.ts';
import { controllerOf } from '../k8s/owners.ts';
import { isApigeeOwner } from './apigee.ts';
import { gitOpsAppOf, helmReleaseOf, isKedaOwner, type GitOpsApp } from './generic.ts';

/** A controller that rewrites the object itself. */
export type ObjectOwner =
  | { type: 'apigee'; kind: string; name: string }
  | { type: 'keda'; name: string }
  | { type: 'controller'; kind: string; name: string; apiVersion: string };

export type ScalingOwner =
  | (ObjectOwner & { namespace: string })
  | { type: 'gitops'; tool: GitOpsApp['tool']; app: string; namespace: string }
  | { type: 'helm'; release: string; namespace: string }
  | { type: 'none' };

/** The controller that owns this object, if any; KEDA counts even without the controller flag. */
export function ownerOf(object: KubeObject): ObjectOwner | undefined {
  const ref = controllerOf(object) ?? object.metadata.ownerReferences?.find(isKedaOwner);
  if (!ref) return undefined;
  if (isApigeeOwner(ref)) return { type: 'apigee', kind: ref.kind, name: ref.name };
  if (isKedaOwner(ref)) return { type: 'keda', name: ref.name };
  return { type: 'controller', kind: ref.kind, name: ref.name, apiVersion: ref.apiVersion };
}

/** Who decides the replica settings of a workload scaled by `hpas` (Apigee and KEDA first, then GitOps, then helm). */
export function scalingOwner(workload: KubeObject, hpas: readonly HorizontalPodAutoscaler[]): ScalingOwner {
  const namespace = workload.metadata.namespace ?? 'default';
  const owners = [...hpas, workload].map(ownerOf).filter((owner): owner is ObjectOwner => owner !== undefined);
  const owner =
    owners.find((o) => o.type === 'apigee') ?? owners.find((o) => o.type === 'keda') ?? owners.find((o) => o.type === 'controller');
  if (owner) return { ...owner, namespace };
  const gitOps = gitOpsAppOf(workload) ?? hpas.map(gitOpsAppOf).find(Boolean);
  if (gitOps) return { type: 'gitops', tool: gitOps.tool, app: gitOps.app, namespace };
  const release = helmReleaseOf(workload);
  if (release) return { type: 'helm', release: release.name, namespace: release.namespace };
  return { type: 'none' };
}

export function describeOwner(owner: ScalingOwner): string {
  switch (owner.type) {
    case 'apigee':
    case 'controller':
      return `${owner.kind}/${owner.name}`;
    case 'keda':
      return `ScaledObject/${owner.name}`;
    case 'gitops':
      return `${owner.tool}:${owner.app}`;
    case 'helm':
      return `helm:${owner.release}`;
    case 'none':
      return 'none';
  }
}
