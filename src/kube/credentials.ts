// Before any request, what kubectl would refuse in a kubeconfig: a user the context names but nobody
// defines, a server that is not a URL, a certificate, key or token file that is not there. Each is a
// kubeconfig fault (exit 4) naming the field. (An exec plugin is checked when it runs: kube/exec-credential.ts.)
import { existsSync, readFileSync } from 'node:fs';
import type { Cluster, Context, User } from '@kubernetes/client-node/dist/config_types.js';
import { ExitCode, UserError } from '../k8s/errors.ts';

const fault = (message: string, hint: string) => new UserError(message, { hint, exitCode: ExitCode.kubeconfig });

/** Throws the first fault of the context's cluster and user; `files` names the kubeconfig for messages. */
export function checkCredentials(context: Context, cluster: Cluster, user: User | undefined, files: string[]): void {
  const where = files.join(', ');
  if (context.user && !user) {
    throw fault(
      `The context "${context.name}" names the user "${context.user}", which is not defined in ${where}.`,
      'Add the user to the kubeconfig or choose another --context.',
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(cluster.server);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw fault(
      `The cluster "${cluster.name}" has the server "${cluster.server}", which is not an http(s) URL.`,
      'Set clusters[].cluster.server to the API server address, e.g. https://10.0.0.1:6443.',
    );
  }
  const paths: [string, string | undefined][] = [
    [`clusters[${cluster.name}].certificate-authority`, cluster.caFile],
    [`users[${user?.name}].client-certificate`, user?.certFile],
    [`users[${user?.name}].client-key`, user?.keyFile],
  ];
  for (const [field, path] of paths) {
    if (path && !existsSync(path))
      throw fault(`${field} in ${where} names ${path}, which does not exist.`, 'Fix the path, or embed the data (…-data fields) instead.');
  }
}

/** kubectl reads users[].user.tokenFile on every request; client-node ignores it. Read it as kubectl does. */
export function withTokenFile(user: User, tokenFile: string | undefined, files: string[]): User {
  if (!tokenFile) return user;
  try {
    return { ...user, token: readFileSync(tokenFile, 'utf8').trim() };
  } catch (error) {
    throw fault(
      `users[${user.name}].tokenFile in ${files.join(', ')} names ${tokenFile}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      'Fix the path or the file permissions; without the token the API server would see an anonymous user.',
    );
  }
}
