// Before any request, what kubectl would refuse in a kubeconfig: a user the context names but nobody
// defines, a server that is not a URL, a certificate, key or token file that is not there, a client
// certificate without its key or with another pair's, an exec entry without a command or apiVersion.
// Each is a kubeconfig fault (exit 4) naming the field. (The exec plugin's answer: kube/exec-credential.ts.)
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Cluster, Context, User } from '@kubernetes/client-node/dist/config_types.js';
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';

const fault = (message: string, hint: string) => new UserError(message, { hint, exitCode: ExitCode.kubeconfig });

/** Throws the first fault of the context's cluster and user; `files` names the kubeconfig for messages. */
export function checkCredentials(context: Context, cluster: Cluster, user: User | undefined, files: string[]): void {
  const where = files.join(', ');
  if (context.user && !user) {
    throw fault(
      t('kube.credentials.unknownUser', { context: context.name, user: context.user, files: where }),
      t('kube.credentials.unknownUserHint'),
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(cluster.server);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw fault(t('kube.credentials.badServer', { cluster: cluster.name, server: cluster.server }), t('kube.credentials.badServerHint'));
  }
  const paths: [string, string | undefined][] = [
    [`clusters[${cluster.name}].certificate-authority`, cluster.caFile],
    [`users[${user?.name}].client-certificate`, user?.certFile],
    [`users[${user?.name}].client-key`, user?.keyFile],
  ];
  for (const [field, path] of paths) {
    if (path && !existsSync(path))
      throw fault(t('kube.credentials.missingPath', { field, files: where, path }), t('kube.credentials.missingPathHint'));
  }
  if (user) checkClientCertificate(user, where);
  if (user?.exec) checkExecPlugin(user, where);
}

/** What is wrong with a client certificate and its key, if anything; TLS would only say "key values mismatch". */
export function clientPairFault(certificate: string | Buffer, key: string | Buffer): 'certificate' | 'key' | 'mismatch' | undefined {
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(certificate);
  } catch {
    return 'certificate';
  }
  try {
    return parsed.checkPrivateKey(createPrivateKey(key)) ? undefined : 'mismatch';
  } catch {
    return 'key';
  }
}

interface Pem {
  /** The field and, for a file, its path: users[u].client-key (/path/client.key). */
  label: string;
  content: Buffer;
}

function pemOf(user: User, field: string, file: string | undefined, data: unknown, where: string): Pem | undefined {
  if (data && !file) {
    const label = `users[${user.name}].${field}-data`;
    if (typeof data !== 'string')
      throw fault(t('kube.credentials.notBase64', { field: label, files: where }), t('kube.credentials.notBase64Hint'));
    return { label, content: Buffer.from(data, 'base64') };
  }
  if (!file) return undefined;
  const label = `users[${user.name}].${field} (${file})`;
  try {
    return { label, content: readFileSync(file) };
  } catch (error) {
    throw fault(
      t('kube.credentials.unreadable', { field: label, files: where, code: (error as NodeJS.ErrnoException).code ?? String(error) }),
      t('kube.credentials.unreadableHint'),
    );
  }
}

/** Both halves or neither, readable, and of one key pair: kubectl's clientCert rules, said before the TLS handshake. */
function checkClientCertificate(user: User, where: string): void {
  const certificate = pemOf(user, 'client-certificate', user.certFile, user.certData, where);
  const key = pemOf(user, 'client-key', user.keyFile, user.keyData, where);
  if (!certificate && !key) return;
  if (!certificate || !key)
    throw fault(
      t(certificate ? 'kube.credentials.certificateWithoutKey' : 'kube.credentials.keyWithoutCertificate', {
        user: user.name,
        files: where,
      }),
      t('kube.credentials.halfPairHint'),
    );
  const problem = clientPairFault(certificate.content, key.content);
  if (problem === 'certificate')
    throw fault(t('kube.credentials.notCertificate', { field: certificate.label, files: where }), t('kube.credentials.notCertificateHint'));
  if (problem === 'key') throw fault(t('kube.credentials.notKey', { field: key.label, files: where }), t('kube.credentials.notKeyHint'));
  if (problem === 'mismatch')
    throw fault(
      t('kube.credentials.mismatch', { certificate: certificate.label, key: key.label, files: where }),
      t('kube.credentials.mismatchHint'),
    );
}

const execApiVersions = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
const isText = (value: unknown) => typeof value === 'string';

/** users[].exec as kubectl validates it, so a plugin that cannot be run is named before the first request. */
function checkExecPlugin(user: User, where: string): void {
  const exec = user.exec as Record<string, unknown>;
  const at = `users[${user.name}].exec`;
  const wrong = (field: string, message: string, params: Record<string, string> = {}) =>
    fault(t(message, { field: `${at}.${field}`, files: where, ...params }), t('kube.credentials.execHint'));
  if (typeof exec !== 'object' || exec === null)
    throw fault(t('kube.credentials.execNotMap', { field: at, files: where }), t('kube.credentials.execNotMapHint'));
  if (!isText(exec.command) || exec.command === '') throw wrong('command', 'kube.credentials.execCommand');
  if (!execApiVersions.includes(exec.apiVersion as string))
    throw wrong('apiVersion', 'kube.credentials.execApiVersion', { versions: execApiVersions.join(', ') });
  if (exec.args != null && !(Array.isArray(exec.args) && exec.args.every(isText))) throw wrong('args', 'kube.credentials.execArgs');
  const env = exec.env;
  if (env != null && !(Array.isArray(env) && env.every((entry) => isText(entry?.name) && isText(entry?.value))))
    throw wrong('env', 'kube.credentials.execEnv');
}

/** kubectl reads users[].user.tokenFile on every request; client-node ignores it. Read it as kubectl does. */
export function withTokenFile(user: User, tokenFile: string | undefined, files: string[]): User {
  if (!tokenFile) return user;
  try {
    return { ...user, token: readFileSync(tokenFile, 'utf8').trim() };
  } catch (error) {
    throw fault(
      t('kube.credentials.tokenFileUnreadable', {
        user: user.name,
        files: files.join(', '),
        path: tokenFile,
        code: (error as NodeJS.ErrnoException).code ?? String(error),
      }),
      t('kube.credentials.tokenFileUnreadableHint'),
    );
  }
}
