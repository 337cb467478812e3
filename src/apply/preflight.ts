// Before any write: may we? A SelfSubjectAccessReview per verb, refused with the missing verb named.
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { KubeApi } from '../kube/api.ts';
import { reviewAccess, whoAmI } from '../kube/write.ts';
import type { ObjectRef } from '../plan/types.ts';

const qualified = (ref: Pick<ObjectRef, 'group' | 'resource'>) => `${ref.resource}${ref.group ? `.${ref.group}` : ''}`;

/** Throws a forbidden UserError when any verb is denied; returns warnings when the review itself could not run. */
export async function checkWriteAccess(
  api: KubeApi,
  ref: Pick<ObjectRef, 'group' | 'resource' | 'namespace'> & { name?: string },
  verbs: readonly string[] = ['get', 'patch'],
): Promise<string[]> {
  const denied: string[] = [];
  for (const verb of verbs) {
    try {
      const answer = await reviewAccess(api, {
        verb,
        group: ref.group,
        resource: ref.resource,
        namespace: ref.namespace,
        ...(ref.name ? { name: ref.name } : {}),
      });
      if (!answer.allowed) denied.push(verb);
    } catch (error) {
      if (error instanceof UserError && (error.exitCode === ExitCode.forbidden || error.exitCode === ExitCode.notFound)) {
        return [`Could not check permissions in advance (${error.message}); the write itself will tell.`];
      }
      throw error;
    }
  }
  if (denied.length) {
    const user = await whoAmI(api).catch(() => undefined);
    const target = `${qualified(ref)}${ref.name ? ` ${ref.name}` : ''} in namespace ${ref.namespace}`;
    throw new UserError(
      `${user ? `User ${user}` : 'You'} may not ${denied.join(' or ')} ${target} (SelfSubjectAccessReview denied it). Nothing was written.`,
      {
        hint: `Ask a cluster admin for a Role granting ${verbs.join(', ')} on ${qualified(ref)} in ${ref.namespace}; check with: kubectl auth can-i ${denied[0]} ${qualified(ref)} -n ${ref.namespace}`,
        exitCode: ExitCode.forbidden,
      },
    );
  }
  return [];
}
