// A server-side dry-run apply of rendered manifests: the API server's own validation and admission
// (request ≤ limit, CRD schemas, webhooks, quotas) for what a helm upgrade would send. `helm upgrade
// --dry-run=server` does not send objects, so it accepts what the real upgrade then fails on.
import { parseAllDocuments } from 'yaml';
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { KubeApi } from './api.ts';
import { collectionPath } from './paths.ts';

interface ManifestObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** kind → resource of a group version, read once per group version (discovery). */
async function resourcesOf(api: KubeApi, groupVersion: string, cache: Map<string, Promise<ApiResource[]>>): Promise<ApiResource[]> {
  let found = cache.get(groupVersion);
  if (!found) {
    const path = groupVersion.includes('/') ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
    found = api
      .request<{ resources?: ApiResource[] }>('GET', path, { action: () => t('kube.action.discoverResources', { groupVersion }) })
      .then((list) => (list.resources ?? []).filter((resource) => !resource.name.includes('/')));
    cache.set(groupVersion, found);
  }
  return found;
}

/** The objects of a multi-document manifest (helm's rendered output). */
export function manifestObjects(manifest: string): ManifestObject[] {
  return parseAllDocuments(manifest)
    .map((document) => document.toJS() as ManifestObject | null)
    .filter((object): object is ManifestObject => Boolean(object?.apiVersion && object.kind && object.metadata?.name));
}

/**
 * Applies every object with dryRun=All (force: only validation is wanted, not field ownership). Throws one
 * usage error naming each object the server refused, with its message; returns how many were checked.
 */
export async function dryRunApply(api: KubeApi, manifest: string, defaultNamespace: string): Promise<number> {
  const cache = new Map<string, Promise<ApiResource[]>>();
  const refusals: string[] = [];
  const objects = manifestObjects(manifest);
  for (const object of objects) {
    const { apiVersion = '', kind = '', metadata = {} } = object;
    const resource = (await resourcesOf(api, apiVersion, cache)).find((r) => r.kind === kind);
    if (!resource) {
      refusals.push(t('kube.dryRunApply.notServed', { object: `${kind}/${metadata.name}`, kind, apiVersion }));
      continue;
    }
    const namespace = resource.namespaced ? (metadata.namespace ?? defaultNamespace) : undefined;
    const path = `${collectionPath(apiVersion, resource.name, namespace)}/${encodeURIComponent(metadata.name ?? '')}`;
    try {
      await api.request('PATCH', path, {
        body: { ...object, metadata: { ...metadata, ...(namespace ? { namespace } : {}) } },
        contentType: 'application/apply-patch+yaml',
        query: { dryRun: 'All', fieldManager: 'kubectl-scale-ha-preview', force: true },
        action: () => t('kube.action.dryRunApply', { object: `${kind}/${metadata.name}` }),
      });
    } catch (error) {
      if (!(error instanceof UserError) || (error.exitCode !== ExitCode.usage && error.exitCode !== ExitCode.forbidden)) throw error;
      refusals.push(t('kube.dryRunApply.refused', { object: `${kind}/${metadata.name}`, message: error.message }));
    }
  }
  if (refusals.length) {
    throw new UserError(t('kube.dryRunApply.refusals', { refusals: refusals.join('\n  ') }), {
      hint: t('kube.dryRunApply.refusalsHint'),
      exitCode: ExitCode.usage,
    });
  }
  return objects.length;
}
