// A session with the cluster the kubeconfig names, and the small reads both faces need. Faces reach
// the API only through here and the other use-cases, never through kube/ itself.
import type { HorizontalPodAutoscaler } from '../k8s/types.ts';
import { KubeClient } from '../kube/client.ts';
import { getServerVersion, type ServerVersion } from '../kube/discovery.ts';
import { loadKubeconfig } from '../kube/kubeconfig.ts';
import { getHpa } from '../kube/resources.ts';

export interface SessionOptions {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  namespace?: string | undefined;
  /** Per API request; 0 = no limit. */
  timeoutMs: number;
  /** Logs every API request (SCALE_HA_TRACE=1), like kubectl -v=6. */
  trace?: ((line: string) => void) | undefined;
}

export interface Session {
  client: KubeClient;
  contextName: string;
  /** -n if given, else the context's namespace, else "default" (as kubectl). */
  namespace: string;
  /** The kubeconfig's user name, shown when the server cannot say who we are. */
  kubeconfigUser: string;
  /** --kubeconfig, when the user gave one (helm is given the same). */
  kubeconfigFile?: string | undefined;
}

/** Reads the kubeconfig as kubectl does (exec plugins honoured, never written); connects lazily. */
export function openSession(options: SessionOptions): Session {
  const loaded = loadKubeconfig({ kubeconfig: options.kubeconfig, context: options.context, namespace: options.namespace });
  return {
    client: new KubeClient(loaded, { timeoutMs: options.timeoutMs, trace: options.trace }),
    contextName: loaded.contextName,
    namespace: loaded.namespace,
    kubeconfigUser: loaded.user?.name ?? 'unknown',
    kubeconfigFile: options.kubeconfig,
  };
}

/** The context a kubeconfig selects, without connecting (history --context-only). */
export function selectedContext(options: Pick<SessionOptions, 'kubeconfig' | 'context'>): string {
  return loadKubeconfig({ kubeconfig: options.kubeconfig, context: options.context }).contextName;
}

export const readServerVersion = (session: Session): Promise<ServerVersion> => getServerVersion(session.client);

export const readHpa = (session: Session, namespace: string, name: string): Promise<HorizontalPodAutoscaler> =>
  getHpa(session.client, namespace, name);

/** The kubeconfig's context names and the one it selects, for a face's context switch (no connection). */
export function kubeconfigContexts(options: Pick<SessionOptions, 'kubeconfig' | 'context'>): { names: string[]; current: string } {
  const loaded = loadKubeconfig({ kubeconfig: options.kubeconfig, context: options.context });
  return { names: loaded.contexts.map((c) => c.name), current: loaded.contextName };
}
