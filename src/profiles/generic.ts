// Ownership rules every cluster shares: helm releases, KEDA, plain objects.
import type { KubeObject, OwnerReference } from '../snapshot/k8s.ts';

export const helmReleaseAnnotation = 'meta.helm.sh/release-name';
export const helmNamespaceAnnotation = 'meta.helm.sh/release-namespace';

export interface HelmRelease {
  name: string;
  namespace: string;
}

export function helmReleaseOf(object: KubeObject): HelmRelease | undefined {
  const annotations = object.metadata.annotations ?? {};
  const name = annotations[helmReleaseAnnotation];
  if (!name) return undefined;
  return { name, namespace: annotations[helmNamespaceAnnotation] ?? object.metadata.namespace ?? 'default' };
}

export function isKedaOwner(ref: OwnerReference): boolean {
  return ref.apiVersion.startsWith('keda.sh/') && ref.kind === 'ScaledObject';
}
