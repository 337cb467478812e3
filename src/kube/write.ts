// Writes and write pre-flights: patches (merge / strategic, optional server dry-run), access reviews,
// and who we are. Everything goes through KubeApi.request, so errors map the same way.
import { t } from '../i18n/index.ts';
import type { KubeObject } from '../k8s/types.ts';
import { UserError } from '../k8s/errors.ts';
import type { KubeApi } from './api.ts';
import { uncertainWrite } from './errors.ts';
import { objectPath, type ResourceRef, resourceWords } from './paths.ts';

export type { ResourceRef } from './paths.ts';
/** Kept for importers from before kube/resources.ts. */
export { getObject } from './resources.ts';

export const fieldManager = 'kubectl-scale-ha';

const contentTypes = { merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json' } as const;

/** PATCH; with dryRun the server runs admission and validation and answers the result without storing it. */
export async function patchObject<T extends KubeObject>(
  api: KubeApi,
  ref: ResourceRef,
  type: keyof typeof contentTypes,
  body: unknown,
  options: { dryRun?: boolean } = {},
): Promise<T> {
  try {
    return await api.request<T>('PATCH', objectPath(ref), {
      body,
      contentType: contentTypes[type],
      query: { fieldManager, dryRun: options.dryRun ? 'All' : undefined },
      action: () => t(options.dryRun ? 'kube.action.dryRunPatch' : 'kube.action.patch', { object: resourceWords(ref) }),
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
export async function reviewAccess(api: KubeApi, check: AccessCheck): Promise<AccessAnswer> {
  const review = await api.request<{ status?: { allowed?: boolean; denied?: boolean; reason?: string } }>(
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
      action: () => t('kube.action.accessReview', { verb: check.verb, resource: check.resource }),
    },
  );
  return {
    allowed: review.status?.allowed === true && review.status?.denied !== true,
    ...(review.status?.reason ? { reason: review.status.reason } : {}),
  };
}

/** The user name the API server sees (SelfSubjectReview, GA since 1.28). */
export async function whoAmI(api: KubeApi): Promise<string> {
  const review = await api.request<{ status?: { userInfo?: { username?: string } } }>(
    'POST',
    '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      action: () => t('kube.action.whoAmI'),
    },
  );
  return review.status?.userInfo?.username ?? 'unknown';
}
