// Writes and write pre-flights: patches (merge / strategic, optional server dry-run), access reviews,
// and who we are. Everything goes through KubeClient.request, so errors map the same way.
import type { KubeObject } from '../k8s/types.ts';
import { UserError } from '../k8s/errors.ts';
import type { KubeClient } from './client.ts';
import { uncertainWrite } from './errors.ts';

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespace: string;
  name: string;
}

export const fieldManager = 'kubectl-scale-ha';

const contentTypes = { merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json' } as const;

export function objectPath(ref: ResourceRef): string {
  const base = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  return `${base}/namespaces/${encodeURIComponent(ref.namespace)}/${ref.resource}/${encodeURIComponent(ref.name)}`;
}

const resourceWords = (ref: ResourceRef) => `${ref.resource}${ref.group ? `.${ref.group}` : ''} ${ref.namespace}/${ref.name}`;

export function getObject<T extends KubeObject>(client: KubeClient, ref: ResourceRef): Promise<T> {
  return client.request<T>('GET', objectPath(ref), { action: `get ${resourceWords(ref)}` });
}

/** PATCH; with dryRun the server runs admission and validation and answers the result without storing it. */
export async function patchObject<T extends KubeObject>(
  client: KubeClient,
  ref: ResourceRef,
  type: keyof typeof contentTypes,
  body: unknown,
  options: { dryRun?: boolean } = {},
): Promise<T> {
  try {
    return await client.request<T>('PATCH', objectPath(ref), {
      body,
      contentType: contentTypes[type],
      query: { fieldManager, dryRun: options.dryRun ? 'All' : undefined },
      action: `${options.dryRun ? 'dry-run ' : ''}patch ${resourceWords(ref)}`,
    });
  } catch (error) {
    if (options.dryRun || !(error instanceof UserError)) throw error;
    throw (
      uncertainWrite(error, { kubectlName: `${ref.resource}${ref.group ? `.${ref.group}` : ''} ${ref.name}`, namespace: ref.namespace }) ??
      error
    );
  }
}

export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  namespace: string;
  name?: string;
}

export interface AccessAnswer {
  allowed: boolean;
  reason?: string;
}

/** SelfSubjectAccessReview: may the current user do this? Every authenticated user may ask. */
export async function reviewAccess(client: KubeClient, check: AccessCheck): Promise<AccessAnswer> {
  const review = await client.request<{ status?: { allowed?: boolean; denied?: boolean; reason?: string } }>(
    'POST',
    '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    {
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            verb: check.verb,
            group: check.group,
            resource: check.resource,
            namespace: check.namespace,
            ...(check.name ? { name: check.name } : {}),
          },
        },
      },
      action: `check access to ${check.verb} ${check.resource}`,
    },
  );
  return {
    allowed: review.status?.allowed === true && review.status?.denied !== true,
    ...(review.status?.reason ? { reason: review.status.reason } : {}),
  };
}

/** The user name the API server sees (SelfSubjectReview, GA since 1.28). */
export async function whoAmI(client: KubeClient): Promise<string> {
  const review = await client.request<{ status?: { userInfo?: { username?: string } } }>(
    'POST',
    '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      action: 'ask the API server who we are',
    },
  );
  return review.status?.userInfo?.username ?? 'unknown';
}
