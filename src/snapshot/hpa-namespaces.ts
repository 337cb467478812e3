// Where HPAs are, cluster-wide: one metadata-only LIST, to point an empty answer at the namespaces that have some.
import { UserError } from '../k8s/errors.ts';
import type { KubeApi } from '../kube/api.ts';
import { listHpaMetadata } from '../kube/resources.ts';
import { byCodePoint } from '../k8s/order.ts';

export interface NamespaceHpas {
  namespace: string;
  hpas: number;
}

/** HPAs per namespace, most first; undefined when they cannot be listed (no access to all namespaces, say): it is only a hint. */
export async function hpasByNamespace(api: KubeApi): Promise<NamespaceHpas[] | undefined> {
  let namespaces: string[];
  try {
    namespaces = (await listHpaMetadata(api, {}, (o) => o.metadata.namespace ?? 'default')).items;
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
  const counts = new Map<string, number>();
  for (const namespace of namespaces) counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
  return [...counts]
    .map(([namespace, hpas]) => ({ namespace, hpas }))
    .sort((a, b) => b.hpas - a.hpas || byCodePoint(a.namespace, b.namespace));
}
