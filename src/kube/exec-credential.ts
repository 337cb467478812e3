// Runs a kubeconfig's exec credential plugin (users[].user.exec) the way kubectl does. We run it ourselves
// because client-node spawns it with no way to stop it: a hung plugin outlived --request-timeout. Here the
// deadline kills the plugin's whole process group, and what it prints is checked but never quoted (it is a token).
import { spawn } from 'node:child_process';
import type { User } from '@kubernetes/client-node/dist/config_types.js';
import { t } from '../i18n/index.ts';
import { clientPairFault } from './credentials.ts';

/** users[].user.exec as written in the kubeconfig. */
export interface ExecPluginConfig {
  command: string;
  args?: string[] | null;
  env?: { name: string; value: string }[] | null;
  apiVersion?: string;
  installHint?: string;
}

export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

/** Why a plugin gave no credential, as the end of a sentence; the caller names the plugin and the context. */
export class ExecPluginError extends Error {}

const maxOutputBytes = 1 << 20;
/** After the kill, how long to wait for the plugin's pipes to close (a process that left the group may hold them). */
const closeGraceMs = 1000;

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function credentialFrom(stdout: string, apiVersion: string | undefined): ExecCredentialStatus {
  let printed: unknown;
  try {
    printed = JSON.parse(stdout);
  } catch {
    printed = undefined;
  }
  if (!isMap(printed) || printed.kind !== 'ExecCredential') throw new ExecPluginError(t('kube.execPlugin.notExecCredential'));
  if (apiVersion && printed.apiVersion !== apiVersion)
    throw new ExecPluginError(
      t('kube.execPlugin.wrongApiVersion', { printed: String(printed.apiVersion).slice(0, 80), expected: apiVersion }),
    );
  const status = isMap(printed.status) ? printed.status : {};
  const credential: ExecCredentialStatus = {
    token: text(status.token),
    clientCertificateData: text(status.clientCertificateData),
    clientKeyData: text(status.clientKeyData),
    expirationTimestamp: text(status.expirationTimestamp),
  };
  if (!credential.token && !(credential.clientCertificateData && credential.clientKeyData))
    throw new ExecPluginError(t('kube.execPlugin.noCredential'));
  const pairFault =
    credential.clientCertificateData || credential.clientKeyData
      ? clientPairFault(credential.clientCertificateData ?? '', credential.clientKeyData ?? '')
      : undefined;
  if (pairFault === 'mismatch') throw new ExecPluginError(t('kube.execPlugin.keyMismatch'));
  if (pairFault)
    throw new ExecPluginError(t('kube.execPlugin.notPem', { field: pairFault === 'key' ? 'clientKeyData' : 'clientCertificateData' }));
  return credential;
}

function spawnFailure(error: NodeJS.ErrnoException, exec: ExecPluginConfig): ExecPluginError {
  if (error.code === 'ENOENT')
    return new ExecPluginError(
      exec.installHint ? t('kube.execPlugin.notFoundInstall', { installHint: exec.installHint.trim() }) : t('kube.execPlugin.notFound'),
    );
  return new ExecPluginError(t('kube.execPlugin.cannotRun', { code: error.code ?? error.message }));
}

/** Runs the plugin once; at `timeoutMs` it and every process it started are killed before this rejects. */
export async function runExecPlugin(exec: ExecPluginConfig, timeoutMs: number): Promise<ExecCredentialStatus> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const { name, value } of exec.env ?? []) env[name] = value;
  // client-go tells the plugin what it expects; we never hand it a terminal.
  env.KUBERNETES_EXEC_INFO = JSON.stringify({ apiVersion: exec.apiVersion, kind: 'ExecCredential', spec: { interactive: false } });
  // Its own process group, so the kill reaches what a wrapper script started too.
  const child = spawn(exec.command, exec.args ?? [], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const killGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  // Detached children outlive us unless killed: Ctrl+C or an error exit must not leave a plugin behind.
  process.on('exit', killGroup);
  let stdout = '';
  let stderr = '';
  let stopped: ExecPluginError | undefined;
  const stop = (reason: ExecPluginError) => {
    stopped ??= reason;
    killGroup();
    setTimeout(() => {
      child.stdout.destroy();
      child.stderr.destroy();
    }, closeGraceMs).unref();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.length > maxOutputBytes) stop(new ExecPluginError(t('kube.execPlugin.tooMuchOutput')));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < maxOutputBytes) stderr += chunk;
  });
  const timer = setTimeout(() => stop(new ExecPluginError(t('kube.execPlugin.timedOut', { seconds: timeoutMs / 1000 }))), timeoutMs);
  try {
    const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: NodeJS.ErrnoException }>(
      (resolve) => {
        child.on('error', (error) => resolve({ error }));
        child.on('close', (code, signal) => resolve({ code, signal }));
      },
    );
    if (stopped) throw stopped;
    if ('error' in outcome) throw spawnFailure(outcome.error, exec);
    if (outcome.code !== 0) {
      const firstLine = stderr
        .split('\n')
        .map((line) => line.trim())
        .find((line) => line !== '');
      const exit = outcome.signal
        ? t('kube.execPlugin.killed', { signal: outcome.signal })
        : t('kube.execPlugin.exited', { code: outcome.code });
      throw new ExecPluginError(firstLine ? firstLine.slice(0, 300) : exit);
    }
    return credentialFrom(stdout, exec.apiVersion);
  } finally {
    clearTimeout(timer);
    process.off('exit', killGroup);
  }
}

/** The plugin's credential, run once and reused until its expirationTimestamp (concurrent requests share one run). */
export class ExecCredentialCache {
  private pending: Promise<ExecCredentialStatus> | undefined;
  private resolved: ExecCredentialStatus | undefined;
  private applied: { credential: ExecCredentialStatus; user: User } | undefined;

  constructor(private readonly user: User) {}

  get exec(): ExecPluginConfig {
    return this.user.exec as ExecPluginConfig;
  }

  /** The user with the plugin's credential in place of users[].exec; the same object while the credential lasts. */
  async userWithCredential(timeoutMs: number): Promise<User> {
    const credential = await this.credential(timeoutMs);
    if (this.applied?.credential !== credential) this.applied = { credential, user: this.withCredential(credential) };
    return this.applied.user;
  }

  private credential(timeoutMs: number): Promise<ExecCredentialStatus> {
    const expiry = Date.parse(this.resolved?.expirationTimestamp ?? '');
    if (this.pending && !(expiry <= Date.now())) return this.pending;
    this.resolved = undefined;
    const run = runExecPlugin(this.exec, timeoutMs).then((credential) => {
      this.resolved = credential;
      return credential;
    });
    this.pending = run;
    // A failed run is not remembered: the next request runs the plugin again.
    run.catch(() => {
      if (this.pending === run) this.pending = undefined;
    });
    return run;
  }

  private withCredential(credential: ExecCredentialStatus): User {
    const base64 = (data: string | undefined) => (data ? Buffer.from(data).toString('base64') : undefined);
    return {
      ...this.user,
      exec: undefined,
      ...(credential.token ? { token: credential.token } : {}),
      ...(credential.clientCertificateData
        ? {
            certData: base64(credential.clientCertificateData),
            certFile: undefined,
            keyData: base64(credential.clientKeyData),
            keyFile: undefined,
          }
        : {}),
    };
  }
}
