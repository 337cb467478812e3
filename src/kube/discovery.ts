// Discovery: which versions the API server serves, and its own version.
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { Action, KubeApi } from './api.ts';

/**
 * The version of an API group the server prefers; null when the group is not served (its CRDs are
 * missing). Callers decide what a missing group means: nothing to list, or a clear error.
 */
export async function preferredVersion(
  api: KubeApi,
  group: string,
  action: Action = () => t('kube.action.discoverGroup', { group }),
): Promise<string | null> {
  try {
    const answer = await api.request<{ preferredVersion?: { version?: string } }>('GET', `/apis/${group}`, { action });
    return answer.preferredVersion?.version ?? null;
  } catch (error) {
    if (error instanceof UserError && error.exitCode === ExitCode.notFound) return null;
    throw error;
  }
}

export interface ServerVersion {
  gitVersion?: string;
  platform?: string;
}

export function getServerVersion(api: KubeApi): Promise<ServerVersion> {
  return api.request<ServerVersion>('GET', '/version', { action: () => t('kube.action.serverVersion') });
}
