// HTTP to the API server. The usual kubeconfig (CA, client certificate, token, basic auth, exec plugin) is served by
// Node's own http/https with a keep-alive pool: undici and client-node's KubeConfig cost ~65 ms to load at every
// start, more than a small command's requests. What only client-node knows (auth providers, proxy-url) goes through
// it and undici, loaded on first use.
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { AgentOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import type { Cluster, User } from '@kubernetes/client-node/dist/config_types.js';
import { t } from '../i18n/index.ts';
import type { LoadedKubeconfig } from './kubeconfig.ts';

// Not `import … from 'node:http'`: the ESM facade reads every export, and one of node:http's (WebSocket) loads
// Node's internal undici (~28 ms). getBuiltinModule hands over the CommonJS module as it is.
const http = process.getBuiltinModule('node:http');
const https = process.getBuiltinModule('node:https');
const tls = process.getBuiltinModule('node:tls');

export interface HttpResponse {
  statusCode: number;
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>;
  /** The body as it arrives (a watch stream). */
  body: AsyncIterable<Uint8Array>;
  text(): Promise<string>;
  destroy(): void;
}

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** Bounds the wait for the answer's headers, and a silence inside its body unless `stream`. */
  timeoutMs?: number | undefined;
  /** A watch: no bound on a quiet body. */
  stream?: boolean;
  signal?: AbortSignal | undefined;
}

export interface Transport {
  request(url: URL, init: HttpRequest): Promise<HttpResponse>;
}

/** Whether Node's https serves this user and cluster, or client-node must (auth providers, proxies). */
export function needsClientNode(cluster: Cluster | undefined, user: User | undefined): boolean {
  return Boolean(user?.authProvider || cluster?.proxyUrl);
}

/** The headers client-node's applySecurityAuthentication would set, for a user without an auth provider. */
export function credentialHeaders(user: User | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!user) return headers;
  if (user.username) headers.Authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  if (user.impersonateUser != null) headers['Impersonate-User'] = user.impersonateUser;
  if (user.token) headers.Authorization = `Bearer ${user.token}`;
  return headers;
}

const fileOrData = (file: string | undefined, data: string | undefined) =>
  file ? readFileSync(file) : data ? Buffer.from(data, 'base64') : undefined;

/**
 * TLS settings as client-node derives them (a file wins over inline data; no CA given: the system's roots), with
 * one secure context for every connection: tls.connect builds one per connection otherwise, ~14 ms each (the CA).
 */
function tlsOptions(cluster: Cluster | undefined, user: User | undefined): AgentOptions {
  const options: AgentOptions = {};
  if (cluster?.skipTLSVerify) options.rejectUnauthorized = false;
  if (cluster?.tlsServerName) options.servername = cluster.tlsServerName;
  const ca = cluster ? fileOrData(cluster.caFile, cluster.caData) : undefined;
  const cert = user ? fileOrData(user.certFile, user.certData) : undefined;
  const key = user ? fileOrData(user.keyFile, user.keyData) : undefined;
  options.secureContext = tls.createSecureContext({ ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) });
  return options;
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(t('kube.errors.noAnswer', { seconds: ms / 1000 })), { name: 'TimeoutError' });
}

/**
 * Node's http/https with one keep-alive pool. No bound on connections: the client bounds requests in flight, and each
 * watch holds one connection for as long as it lasts. Reads the TLS files once.
 */
export function nodeTransport(server: string, cluster: Cluster | undefined, user: User | undefined): Transport {
  const secure = new URL(server).protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true, ...tlsOptions(cluster, user) }) : new http.Agent({ keepAlive: true });
  const send = secure ? https.request : http.request;
  return {
    request: (url, init) =>
      new Promise<HttpResponse>((resolve, reject) => {
        const request = send(url, { method: init.method, headers: init.headers, agent, signal: init.signal });
        let answer: IncomingMessage | undefined;
        // A silence before the headers or inside the body: either way the reader hears a timeout, not a reset.
        if (init.timeoutMs)
          request.setTimeout(init.timeoutMs, () => {
            const error = timeoutError(init.timeoutMs!);
            answer?.destroy(error);
            request.destroy(error);
          });
        request.on('error', reject);
        request.on('response', (response: IncomingMessage) => {
          answer = response;
          if (init.stream) request.setTimeout(0);
          resolve({
            statusCode: response.statusCode ?? 0,
            headers: response.headers,
            body: response,
            text: async () => {
              const chunks: Buffer[] = [];
              for await (const chunk of response) chunks.push(chunk as Buffer);
              return Buffer.concat(chunks).toString('utf8');
            },
            destroy: () => response.destroy(),
          });
        });
        request.end(init.body);
      }),
  };
}

/** client-node's own way (auth providers, proxies): its headers and undici dispatcher for each request. */
export function clientNodeTransport(
  loaded: LoadedKubeconfig,
  user: User | undefined,
): Transport & { headers(url: URL): Promise<Record<string, string>> } {
  // client-node's connection pool for the one server (a proxy's, with proxy-url), set by the first request's headers.
  let dispatcher: unknown;
  let kubeConfig: Promise<KubeConfig> | undefined;
  const load = async () => {
    const { KubeConfig } = await import('@kubernetes/client-node/dist/config.js');
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: loaded.clusters,
      // An exec plugin's credential in place of its users[].exec.
      users: loaded.users.map((other) => (user && other.name === user.name ? user : other)),
      contexts: loaded.contexts,
      currentContext: loaded.contextName,
    });
    return config;
  };
  return {
    async headers(url) {
      kubeConfig ??= load();
      const [config, { RequestContext }] = await Promise.all([kubeConfig, import('@kubernetes/client-node/dist/gen/http/http.js')]);
      const context = new RequestContext(url.toString(), 'GET' as never);
      await config.applySecurityAuthentication(context);
      dispatcher ??= context.getDispatcher();
      return { ...context.getHeaders() };
    },
    async request(url, init) {
      const { request } = await import('undici');
      const response = await request(url, {
        method: init.method as 'GET',
        headers: init.headers,
        body: init.body,
        dispatcher: dispatcher as never,
        signal: init.signal,
        ...(init.timeoutMs ? { headersTimeout: init.timeoutMs } : {}),
        // A watch's quiet body is no failure; another request's is, after --request-timeout.
        ...(init.stream ? { bodyTimeout: 0 } : init.timeoutMs ? { bodyTimeout: init.timeoutMs } : {}),
      });
      return {
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
        text: () => response.body.text(),
        destroy: () => response.body.destroy(),
      };
    },
  };
}
