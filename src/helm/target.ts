// Every helm call talks to the cluster and namespace the plugin talks to: the same kubeconfig (when the
// user named one; otherwise helm reads KUBECONFIG / ~/.kube/config as kubectl does) and the resolved context.

export interface HelmTarget {
  /** --kubeconfig FILE, only when the user gave one; never written. */
  kubeconfig?: string | undefined;
  /** The resolved context name, always passed, so helm cannot drift to another current-context. */
  context: string;
  namespace: string;
}

/** The connection flags of one helm call, as argv. */
export function connectionArgs(target: HelmTarget): string[] {
  return [
    '--namespace',
    target.namespace,
    '--kube-context',
    target.context,
    ...(target.kubeconfig !== undefined ? ['--kubeconfig', target.kubeconfig] : []),
  ];
}

/** "shop/web": how messages name a release. */
export const releaseName = (target: HelmTarget, release: string) => `${target.namespace}/${release}`;

const shellSafe = /^[A-Za-z0-9_./:=@%+-]+$/;
/** One word of a command line the user can paste into a POSIX shell. */
export const shellWord = (word: string) => (shellSafe.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/** A helm command line to print in a hint, with the same connection as ours (`helm rollback web 3 -n shop --kube-context prod`). */
export function helmCommandLine(helm: string, args: string[], target: HelmTarget): string {
  const connection = ['-n', target.namespace, '--kube-context', target.context];
  if (target.kubeconfig !== undefined) connection.push('--kubeconfig', target.kubeconfig);
  return [helm, ...args, ...connection].map(shellWord).join(' ');
}
