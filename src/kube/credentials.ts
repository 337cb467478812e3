// Before any request, what kubectl would refuse in a kubeconfig: a user the context names but nobody
// defines, a server that is not a URL, a certificate, key or token file that is not there, a client
// certificate without its key or with another pair's, an exec entry without a command or apiVersion.
// Each is a kubeconfig fault (exit 4) naming the field. (The exec plugin's answer: kube/exec-credential.ts.)
import { createPrivateKey, X509Certificate } from 'node:crypto';
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
      throw fault(`${label} in ${where} is not base64 text.`, 'Embed the PEM file base64-encoded (base64 -w0 FILE).');
    return { label, content: Buffer.from(data, 'base64') };
  }
  if (!file) return undefined;
  const label = `users[${user.name}].${field} (${file})`;
  try {
    return { label, content: readFileSync(file) };
  } catch (error) {
    throw fault(
      `${label} in ${where} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
      'Fix the file permissions.',
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
      `users[${user.name}] in ${where} has a client ${certificate ? 'certificate but no client key' : 'key but no client certificate'}.`,
      'Set client-certificate and client-key (or both …-data fields) together, or neither.',
    );
  const problem = clientPairFault(certificate.content, key.content);
  if (problem === 'certificate')
    throw fault(
      `${certificate.label} in ${where} is not a PEM certificate.`,
      'Point it at the client certificate (-----BEGIN CERTIFICATE-----).',
    );
  if (problem === 'key')
    throw fault(`${key.label} in ${where} is not a PEM private key.`, 'Point it at the private key the client certificate was issued for.');
  if (problem === 'mismatch')
    throw fault(
      `${certificate.label} and ${key.label} in ${where} do not match: the key is not the certificate's.`,
      'Use the key the certificate was issued for; a renewed certificate needs its new key too.',
    );
}

const execApiVersions = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];
const isText = (value: unknown) => typeof value === 'string';

/** users[].exec as kubectl validates it, so a plugin that cannot be run is named before the first request. */
function checkExecPlugin(user: User, where: string): void {
  const exec = user.exec as Record<string, unknown>;
  const at = `users[${user.name}].exec`;
  const wrong = (field: string, what: string) =>
    fault(`${at}.${field} in ${where} ${what}.`, "Fix users[].exec in the kubeconfig (the plugin's install guide shows the entry).");
  if (typeof exec !== 'object' || exec === null)
    throw fault(`${at} in ${where} is not a map.`, 'Set command, apiVersion and, if needed, args and env.');
  if (!isText(exec.command) || exec.command === '') throw wrong('command', 'must name the plugin to run');
  if (!execApiVersions.includes(exec.apiVersion as string)) throw wrong('apiVersion', `must be one of ${execApiVersions.join(', ')}`);
  if (exec.args != null && !(Array.isArray(exec.args) && exec.args.every(isText))) throw wrong('args', 'must be a list of strings');
  const env = exec.env;
  if (env != null && !(Array.isArray(env) && env.every((entry) => isText(entry?.name) && isText(entry?.value))))
    throw wrong('env', 'must be a list of {name, value} strings');
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
