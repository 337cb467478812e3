// Before any write: may we? A SelfSubjectAccessReview per verb, refused with the missing verb named.
import { t } from '../i18n/index.ts';
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
        return [t('apply.preflight.cannotCheck', { message: error.message })];
      }
      throw error;
    }
  }
  if (denied.length) {
    const user = await whoAmI(api).catch(() => undefined);
    const params = {
      user,
      verbs: denied.join(t('apply.preflight.or')),
      object: `${qualified(ref)}${ref.name ? ` ${ref.name}` : ''}`,
      namespace: ref.namespace,
    };
    throw new UserError(t(user ? 'apply.preflight.deniedUser' : 'apply.preflight.deniedYou', params), {
      hint: t('apply.preflight.deniedHint', {
        verbs: verbs.join(', '),
        resource: qualified(ref),
        namespace: ref.namespace,
        verb: denied[0],
      }),
      exitCode: ExitCode.forbidden,
    });
  }
  return [];
}
