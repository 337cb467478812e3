// Who owns the scaling of a workload: the party whose settings win when someone patches directly.
import type { HorizontalPodAutoscaler, KubeObject } from '../snapshot/k8s.ts';
import { apigeeControllerOf } from './apigee.ts';
import { helmReleaseOf, isKedaOwner } from './generic.ts';

export type ScalingOwner =
  | { type: 'apigee'; kind: string; name: string; namespace: string }
  | { type: 'keda'; name: string; namespace: string }
  | { type: 'helm'; release: string; namespace: string }
  | { type: 'none' };

export function scalingOwner(workload: KubeObject, hpas: readonly HorizontalPodAutoscaler[]): ScalingOwner {
  const namespace = workload.metadata.namespace ?? 'default';
  for (const object of [...hpas, workload]) {
    const apigee = apigeeControllerOf(object);
    if (apigee) return { type: 'apigee', kind: apigee.kind, name: apigee.name, namespace };
  }
  for (const hpa of hpas) {
    const keda = hpa.metadata.ownerReferences?.find(isKedaOwner);
    if (keda) return { type: 'keda', name: keda.name, namespace };
  }
  const release = helmReleaseOf(workload);
  if (release) return { type: 'helm', release: release.name, namespace: release.namespace };
  return { type: 'none' };
}

export function describeOwner(owner: ScalingOwner): string {
  switch (owner.type) {
    case 'apigee':
      return `${owner.kind}/${owner.name}`;
    case 'keda':
      return `ScaledObject/${owner.name}`;
    case 'helm':
      return `helm:${owner.release}`;
    case 'none':
      return 'none';
  }
}
