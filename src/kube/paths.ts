// API paths, built here only: the resource functions own them, callers name resources.

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespace: string;
  name: string;
}

/** Path of a namespaced or cluster-wide collection: collectionPath('apps/v1', 'deployments', 'shop'). */
export function collectionPath(groupVersion: string, plural: string, namespace?: string): string {
  const base = groupVersion.includes('/') ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
  return namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${plural}` : `${base}/${plural}`;
}

export function objectPath(ref: ResourceRef): string {
  const base = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  return `${base}/namespaces/${encodeURIComponent(ref.namespace)}/${ref.resource}/${encodeURIComponent(ref.name)}`;
}

/** "horizontalpodautoscalers.autoscaling shop/web": how error messages name an object. */
export const resourceWords = (ref: ResourceRef) => `${ref.resource}${ref.group ? `.${ref.group}` : ''} ${ref.namespace}/${ref.name}`;
