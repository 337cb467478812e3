// Ownership rules every cluster shares: helm releases, KEDA, plain objects.
import type { KubeObject, OwnerReference } from '../k8s/types.ts';

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

export interface GitOpsApp {
  tool: 'Argo CD' | 'Flux';
  app: string;
}

/** Argo CD and Flux re-apply their manifests: a direct patch lasts until their next sync. */
export function gitOpsAppOf(object: KubeObject): GitOpsApp | undefined {
  const labels = object.metadata.labels ?? {};
  const annotations = object.metadata.annotations ?? {};
  const argo = labels['argocd.argoproj.io/instance'] ?? annotations['argocd.argoproj.io/tracking-id']?.split(':')[0];
  if (argo) return { tool: 'Argo CD', app: argo };
  const flux = labels['kustomize.toolkit.fluxcd.io/name'] ?? labels['helm.toolkit.fluxcd.io/name'];
  if (flux) return { tool: 'Flux', app: flux };
  return undefined;
}
