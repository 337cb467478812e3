// The only code that talks to the API server: JSON requests with kubeconfig auth (exec plugins
// included), paginated LISTs, patches. Objects stay plain JSON: no model classes, less memory.
import type { User } from '@kubernetes/client-node/dist/config_types.js';
import type { KubeApi, ListOptions, ListResult, RequestOptions, WatchEvent, WatchOptions } from './api.ts';
import { KubeApiError, toUserError } from './errors.ts';
import { ExecCredentialCache } from './exec-credential.ts';
import { t } from '../i18n/index.ts';
import { ExitCode, UserError } from '../k8s/errors.ts';
import type { LoadedKubeconfig } from './kubeconfig.ts';
import { clientNodeTransport, credentialHeaders, type HttpResponse, needsClientNode, nodeTransport, type Transport } from './transport.ts';

export type { KubeApi, ListOptions, ListResult, Query, RequestOptions, WatchEvent, WatchOptions } from './api.ts';
export { metadataOnly } from './api.ts';
/** @deprecated Build no paths outside kube/: call a function of kube/resources.ts (src/cli/commands/simulate.ts still does). */
export { collectionPath } from './paths.ts';

interface Auth {
  headers: Record<string, string>;
  transport: Transport;
}

export class KubeClient implements KubeApi {
  /** Number of HTTP requests sent, for benchmarks and the one-LIST-per-kind rule. */
  requestCount = 0;
  private readonly timeoutMs: number;
  private readonly trace: ((line: string) => void) | undefined;
  private readonly maxInFlight: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  /** Set when the user authenticates with an exec plugin, which we run instead of client-node. */
  private readonly execCredentials: ExecCredentialCache | undefined;
  /**
   * One connection pool per set of credentials (an exec plugin's new certificate is a new set): a pool per request
   * would cost a TLS handshake per request (about a third of a small command's time).
   */
  private readonly transports = new WeakMap<User | LoadedKubeconfig, Transport>();

  constructor(
    readonly loaded: LoadedKubeconfig,
    options: { timeoutMs?: number; trace?: (line: string) => void; maxInFlight?: number } = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? Number(process.env.SCALE_HA_MAX_IN_FLIGHT ?? 4);
    this.timeoutMs = options.timeoutMs ?? 0;
    this.trace = options.trace;
    this.execCredentials = loaded.user?.exec ? new ExecCredentialCache(loaded.user) : undefined;
  }

  get server(): string {
    return this.loaded.server.replace(/\/+$/, '');
  }

  get contextName(): string {
    return this.loaded.contextName;
  }

  /**
   * The request's credentials. An exec plugin runs here: one that fails, cannot be found or hangs is a
   * kubeconfig fault (exit 4) naming it, bounded by --request-timeout (else a minute), never "a bug".
   */
  private async auth(url: URL): Promise<Auth> {
    const limitMs = this.timeoutMs > 0 ? this.timeoutMs : 60_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      // The plugin keeps its own deadline, which kills it before the request fails.
      const user = this.execCredentials ? await this.execCredentials.userWithCredential(limitMs) : this.loaded.user;
      const key = user ?? this.loaded;
      const cluster = this.loaded.cluster;
      if (!needsClientNode(cluster, user)) {
        let transport = this.transports.get(key);
        if (!transport) {
          transport = nodeTransport(this.server, cluster, user);
          this.transports.set(key, transport);
        }
        return { headers: credentialHeaders(user), transport };
      }
      let transport = this.transports.get(key) as ReturnType<typeof clientNodeTransport> | undefined;
      if (!transport) {
        transport = clientNodeTransport(this.loaded, user);
        this.transports.set(key, transport);
      }
      // An auth provider may refresh a token, or hang on a network call: bounded like a plugin.
      const headers = await Promise.race([
        transport.headers(url),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(t('kube.credentials.noAnswer', { seconds: limitMs / 1000 }))), limitMs);
          timer.unref();
        }),
      ]);
      return { headers, transport };
    } catch (error) {
      const reason = String((error as Error).message ?? error).split('\n')[0];
      const plugin = this.execCredentials?.exec.command;
      const context = this.loaded.contextName;
      throw new UserError(
        plugin ? t('kube.credentials.pluginFailed', { plugin, context, reason }) : t('kube.credentials.loadFailed', { context, reason }),
        {
          hint: t(plugin ? 'kube.credentials.pluginFailedHint' : 'kube.credentials.loadFailedHint'),
          exitCode: ExitCode.kubeconfig,
        },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Few requests in flight bound the memory of big LISTs (pages parsed together) at little cost in time. */
  private async acquire(): Promise<void> {
    if (this.inFlight < this.maxInFlight) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    await this.acquire();
    try {
      return await this.send<T>(method, path, options);
    } finally {
      this.release();
    }
  }

  private async send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    }
    const action = options.action ?? (() => t('kube.action.request', { method, path }));
    try {
      const auth = await this.auth(url);
      const headers: Record<string, string> = { ...auth.headers, accept: options.accept ?? 'application/json' };
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['content-type'] = options.contentType ?? 'application/json';
        body = JSON.stringify(options.body);
      }
      this.requestCount++;
      const started = performance.now();
      const response = await auth.transport.request(url, { method, headers, body, timeoutMs: this.timeoutMs });
      const text = await response.text();
      this.trace?.(
        `${method} ${url.pathname}${url.search} ${response.statusCode} ${Math.round(performance.now() - started)}ms ${text.length}B (sent at ${Math.round(started)}ms)`,
      );
      if (response.statusCode >= 300 && response.statusCode < 400) {
        // An authenticating proxy's redirect is not an answer: read as one, a list would look empty.
        const location = String(response.headers.location ?? '').split('?')[0];
        const redirect = { server: this.server, method, path: url.pathname, status: response.statusCode, location };
        throw new UserError(t(location ? 'kube.errors.redirectTo' : 'kube.errors.redirect', redirect), {
          hint: t('kube.errors.redirectHint'),
          exitCode: ExitCode.kubeconfig,
        });
      }
      if (response.statusCode >= 400) {
        let status: { message?: string; reason?: string } = {};
        try {
          status = JSON.parse(text);
        } catch {
          status = { message: text.trim().slice(0, 300) };
        }
        throw new KubeApiError(response.statusCode, status.reason ?? '', status.message ?? `HTTP ${response.statusCode}`, method, path);
      }
      return (text ? JSON.parse(text) : {}) as T;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 410) throw error;
      throw toUserError(error, { action, server: this.server, contextName: this.loaded.contextName });
    }
  }

  /**
   * LIST with limit/continue. The `project` callback trims each item as its page arrives, so a
   * 30k-pod namespace never sits in memory whole. An expired continue token (410) restarts the list.
   */
  async list<T, R = T>(path: string, options: ListOptions = {}, project?: (item: T) => R): Promise<ListResult<R>> {
    const pageSize = options.pageSize ?? 500;
    for (let attempt = 0; ; attempt++) {
      const items: R[] = [];
      let token: string | undefined;
      let resourceVersion = '';
      try {
        do {
          const page = await this.request<{ items?: T[]; metadata?: { continue?: string; resourceVersion?: string } }>('GET', path, {
            query: { limit: pageSize, continue: token, labelSelector: options.labelSelector, fieldSelector: options.fieldSelector },
            action: options.action ?? (() => t('kube.action.list', { resource: path })),
            ...(options.accept ? { accept: options.accept } : {}),
          });
          for (const item of page.items ?? []) items.push(project ? project(item) : (item as unknown as R));
          token = page.metadata?.continue || undefined;
          resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
        } while (token);
        return { items, resourceVersion };
      } catch (error) {
        if (error instanceof KubeApiError && error.status === 410 && attempt < 3) continue;
        throw error instanceof KubeApiError
          ? toUserError(error, {
              action: options.action ?? (() => t('kube.action.list', { resource: path })),
              server: this.server,
              contextName: this.loaded.contextName,
            })
          : error;
      }
    }
  }

  /**
   * A watch stream, one JSON event per line. It holds no in-flight slot (it lasts minutes) and has no body timeout (a
   * quiet stream is not a dead one); --request-timeout still bounds the wait for its headers.
   */
  async *watch<T>(path: string, options: WatchOptions): AsyncGenerator<WatchEvent<T>> {
    const url = new URL(this.server + path);
    const query = {
      watch: true,
      allowWatchBookmarks: true,
      resourceVersion: options.resourceVersion,
      timeoutSeconds: options.timeoutSeconds,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    };
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
    const context = {
      action: options.action ?? (() => t('kube.action.watch', { resource: path })),
      server: this.server,
      contextName: this.loaded.contextName,
    };
    const aborted = () => options.signal?.aborted === true;
    let response: HttpResponse | undefined;
    try {
      const auth = await this.auth(url);
      this.requestCount++;
      response = await auth.transport.request(url, {
        method: 'GET',
        headers: { ...auth.headers, accept: 'application/json' },
        signal: options.signal,
        stream: true,
        timeoutMs: this.timeoutMs,
      });
      this.trace?.(`WATCH ${url.pathname}${url.search} ${response.statusCode}`);
      if (response.statusCode >= 300) {
        const text = await response.text();
        let status: { message?: string; reason?: string } = {};
        try {
          status = JSON.parse(text);
        } catch {
          status = { message: text.trim().slice(0, 300) };
        }
        const error = new KubeApiError(
          response.statusCode,
          status.reason ?? '',
          status.message ?? `HTTP ${response.statusCode}`,
          'GET',
          path,
        );
        if (response.statusCode === 410) throw error;
        throw toUserError(error, context);
      }
      const decoder = new TextDecoder();
      let pending = '';
      for await (const chunk of response.body) {
        pending += decoder.decode(chunk as Uint8Array, { stream: true });
        for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
          const line = pending.slice(0, newline).trim();
          pending = pending.slice(newline + 1);
          if (line) yield JSON.parse(line) as WatchEvent<T>;
        }
      }
    } catch (error) {
      if (aborted()) return;
      if (error instanceof KubeApiError && error.status === 410) throw error;
      throw toUserError(error, context);
    } finally {
      response?.destroy();
    }
  }

  /** @deprecated Outside kube/, call getHpa or getServerVersion instead (simulate.ts and version.ts still use this). */
  get<T>(path: string, action?: string): Promise<T> {
    return this.request<T>('GET', path, { action });
  }
}
