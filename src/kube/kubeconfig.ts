// Loads kubeconfig the way kubectl does: --kubeconfig, else the KUBECONFIG list (first file's
// current-context wins, first definition of a name wins, missing files ignored), else ~/.kube/config.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
// client-node's own parsers of the entries (its config.js, with undici and every auth provider, costs ~65 ms to load:
// kube/transport.ts loads it only for auth providers and proxies). Deep imports: the index drags in 3 MB of clients.
import { type Cluster, type Context, newClusters, newContexts, newUsers, type User } from '@kubernetes/client-node/dist/config_types.js';
import { parse } from 'yaml';
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import { checkCredentials, withTokenFile } from './credentials.ts';

export interface KubeconfigOptions {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  namespace?: string | undefined;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface LoadedKubeconfig {
  contextName: string;
  /** -n if given, else the context's namespace, else "default" (as kubectl). */
  namespace: string;
  server: string;
  files: string[];
  /** Every entry of the files (the first definition of a name wins); file paths made absolute. */
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  /** The chosen context's cluster and user (none: anonymous). */
  cluster: Cluster;
  user: User | undefined;
}

export function kubeconfigFiles(options: KubeconfigOptions): string[] {
  if (options.kubeconfig) return [options.kubeconfig];
  const env = options.env ?? process.env;
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter((file) => file.length > 0);
  return [join(options.home ?? homedir(), '.kube', 'config')];
}

interface KubeconfigFile {
  file: string;
  /** The file as YAML, before client-node's parsers drop what they do not know (users[].user.tokenFile). */
  raw: { users?: unknown; 'current-context'?: unknown } | null;
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext: string | undefined;
}

const absoluteFrom = (file: string, path: string | undefined) => (path && !isAbsolute(path) ? join(dirname(file), path) : path);

/** One file read as client-node's loadFromFile reads it: entries checked, file paths relative to the file. */
function readFile(file: string): KubeconfigFile {
  try {
    const parsed: unknown = parse(readFileSync(file, 'utf8'), { logLevel: 'error' });
    const raw = (parsed !== null && typeof parsed === 'object' ? parsed : null) as KubeconfigFile['raw'] & {
      clusters?: unknown;
      contexts?: unknown;
    };
    const currentContext = raw?.['current-context'];
    return {
      file,
      raw,
      clusters: newClusters(raw?.clusters).map((cluster) => ({ ...cluster, caFile: absoluteFrom(file, cluster.caFile) })),
      users: newUsers(raw?.users).map((user) => ({
        ...user,
        certFile: absoluteFrom(file, user.certFile),
        keyFile: absoluteFrom(file, user.keyFile),
      })),
      contexts: newContexts(raw?.contexts),
      currentContext: typeof currentContext === 'string' ? currentContext : undefined,
    };
  } catch (error) {
    // The YAML parser's message quotes the file's lines after the first, credentials included: keep the first.
    const reason = String((error as Error).message)
      .split('\n')[0]!
      .trim()
      .replace(/[.:]$/, '');
    throw new UserError(t('kube.kubeconfig.unreadable', { file, reason }), {
      hint: t('kube.kubeconfig.unreadableHint'),
      exitCode: ExitCode.kubeconfig,
      cause: error,
    });
  }
}

/** users[].user.tokenFile of the first file that defines the user (relative to that file), which client-node drops. */
function tokenFileOf(files: KubeconfigFile[], userName: string): string | undefined {
  for (const { file, raw } of files) {
    const users = Array.isArray(raw?.users) ? (raw.users as { name?: unknown; user?: { tokenFile?: unknown } | null }[]) : [];
    const entry = users.find((u) => u?.name === userName);
    if (!entry) continue;
    const tokenFile = entry.user?.tokenFile;
    if (tokenFile === undefined || tokenFile === null || tokenFile === '') return undefined;
    if (typeof tokenFile !== 'string')
      throw new UserError(t('kube.kubeconfig.tokenFileNotPath', { user: userName, file }), {
        hint: t('kube.kubeconfig.tokenFileNotPathHint'),
        exitCode: ExitCode.kubeconfig,
      });
    return resolve(dirname(file), tokenFile);
  }
  return undefined;
}

/** kubectl runs a relative exec plugin path (one with a slash) from the kubeconfig's directory. */
function withAbsoluteExecCommands(users: User[], file: string): User[] {
  return users.map((user) => {
    const command: unknown = user.exec?.command;
    if (typeof command !== 'string' || !command.includes('/') || isAbsolute(command)) return user;
    return { ...user, exec: { ...user.exec, command: resolve(dirname(file), command) } };
  });
}

function firstByName<T extends { name: string }>(lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const item of lists.flat()) if (!seen.has(item.name)) seen.set(item.name, item);
  return [...seen.values()];
}

export function loadKubeconfig(options: KubeconfigOptions): LoadedKubeconfig {
  const files = kubeconfigFiles(options);
  const explicit = Boolean(options.kubeconfig);
  const present = files.filter((file) => existsSync(file));
  if (explicit && present.length === 0) {
    throw new UserError(t('kube.kubeconfig.missingFile', { file: options.kubeconfig }), {
      hint: t('kube.kubeconfig.missingFileHint'),
      exitCode: ExitCode.kubeconfig,
    });
  }
  if (present.length === 0) {
    throw new UserError(t('kube.kubeconfig.none', { files: files.join(', ') }), {
      hint: t('kube.kubeconfig.noneHint'),
      exitCode: ExitCode.kubeconfig,
    });
  }
  const configs = present.map(readFile);
  const clusters: Cluster[] = firstByName(configs.map((config) => config.clusters));
  const users: User[] = firstByName(configs.map((config) => withAbsoluteExecCommands(config.users, config.file)));
  const contexts: Context[] = firstByName(configs.map((config) => config.contexts));
  const currentContext = configs.map((config) => config.currentContext).find((name) => Boolean(name)) ?? '';
  const contextName = options.context || currentContext;
  const knownContexts = () => contexts.map((c) => c.name).join(', ') || t('kube.kubeconfig.noContextName');
  if (!contextName) {
    throw new UserError(t('kube.kubeconfig.noContext'), {
      hint: t('kube.kubeconfig.noContextHint', { contexts: knownContexts() }),
      exitCode: ExitCode.kubeconfig,
    });
  }
  const context = contexts.find((c) => c.name === contextName);
  if (!context) {
    throw new UserError(t('kube.kubeconfig.unknownContext', { context: contextName, files: present.join(', ') }), {
      hint: t('kube.kubeconfig.unknownContextHint', { contexts: knownContexts() }),
      exitCode: ExitCode.kubeconfig,
    });
  }
  const cluster = clusters.find((c) => c.name === context.cluster);
  if (!cluster) {
    throw new UserError(t('kube.kubeconfig.unknownCluster', { context: contextName, cluster: context.cluster }), {
      hint: t('kube.kubeconfig.unknownClusterHint'),
      exitCode: ExitCode.kubeconfig,
    });
  }
  const defined = users.find((u) => u.name === context.user);
  checkCredentials(context, cluster, defined, present);
  const user = defined ? withTokenFile(defined, tokenFileOf(configs, defined.name), present) : undefined;
  return {
    contextName,
    namespace: options.namespace || context.namespace || 'default',
    server: cluster.server,
    files: present,
    clusters,
    users: users.map((u) => (u === defined && user ? user : u)),
    contexts,
    cluster,
    user,
  };
}
