// One small local API server for unit tests: the real KubeClient (kubeconfig auth, undici, error
// mapping, pagination) talks to it over HTTP; routes answer from a table and every request is recorded.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { after, before, beforeEach } from 'node:test';
import type { AddressInfo } from 'node:net';
import { KubeClient } from '../../src/kube/client.ts';
import type { LoadedKubeconfig } from '../../src/kube/kubeconfig.ts';

export interface RecordedRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, undefined when there is none. */
  body: unknown;
  /** The client's end of the connection: requests on one connection share it. */
  remotePort: number | undefined;
}

export interface Reply {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, for answers that are not JSON (a proxy's error page). */
  text?: string;
}

/**
 * 'hang' never answers (for timeouts); 'reset' drops the connection after reading the request (an answer
 * lost); 'cut' sends the headers and half the body of a 200 answer, then drops it (lost mid-answer); 'stall' sends
 * the headers and half the body, then goes silent with the connection open.
 */
export type RouteResult = Reply | StreamReply | 'hang' | 'reset' | 'cut' | 'stall';

/** A 200 answer written one JSON line at a time, as a watch is; the server closes it when `lines` ends. */
export interface StreamReply {
  lines: AsyncIterable<unknown> | Iterable<unknown>;
}
export type Route = (request: RecordedRequest) => RouteResult | Promise<RouteResult>;
/** Keyed "METHOD /path"; a value that is not a function is answered as a 200 JSON body. */
export type Routes = Record<string, Route | object>;

export const fakeToken = 'fake-api-server-token';

/** A JSON answer with status 200. */
export const ok = (body: unknown): Reply => ({ status: 200, body });

/** A failure as the API server sends it: a Status object. */
export function statusReply(code: number, reason: string, message: string): Reply {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } };
}

export interface FakeApiServer {
  url: string;
  /** Mutable: tests may add or replace routes between requests. */
  routes: Routes;
  requests: RecordedRequest[];
  /** A kubeconfig whose only context ("fake", namespace "shop") points here with a bearer token. */
  loaded: LoadedKubeconfig;
  client(options?: ConstructorParameters<typeof KubeClient>[1]): KubeClient;
  close(): Promise<void>;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function loadedKubeconfigFor(server: string): LoadedKubeconfig {
  const cluster = { name: 'fake', server, skipTLSVerify: true };
  const user = { name: 'tester', token: fakeToken };
  const contexts = [{ name: 'fake', cluster: 'fake', user: 'tester', namespace: 'shop' }];
  return { contextName: 'fake', namespace: 'shop', server, files: [], clusters: [cluster], users: [user], contexts, cluster, user };
}

export async function startFakeApiServer(routes: Routes = {}): Promise<FakeApiServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parseBody(Buffer.concat(chunks).toString('utf8')),
      remotePort: req.socket.remotePort,
    };
    requests.push(request);
    const route = routes[`${request.method} ${request.path}`];
    let result: RouteResult;
    if (route === undefined) result = statusReply(404, 'NotFound', 'the server could not find the requested resource');
    else if (typeof route !== 'function') result = ok(route);
    else {
      // A throwing route is a bug in the test: answer 500 so it surfaces as a failure, not a hang.
      try {
        result = await (route as Route)(request);
      } catch (error) {
        result = statusReply(500, 'InternalError', `fake API server route failed: ${String(error)}`);
      }
    }
    if (result === 'hang') return;
    if (result === 'reset') {
      req.socket.destroy();
      return;
    }
    if (result === 'stall') {
      const body = JSON.stringify({ kind: 'Status', items: Array.from({ length: 100 }, (_, i) => ({ i })) });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.write(body.slice(0, body.length / 2));
      return;
    }
    if (result === 'cut') {
      const body = JSON.stringify({ kind: 'Status', items: Array.from({ length: 100 }, (_, i) => ({ i })) });
      // With "connection: close" undici takes the end of the socket for the end of the answer, and says the length is off.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, connection: 'close' });
      res.write(body.slice(0, body.length / 2), () => req.socket.destroy());
      return;
    }
    if ('lines' in result) {
      res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
      for await (const line of result.lines) {
        if (res.destroyed) break;
        res.write(`${JSON.stringify(line)}\n`);
      }
      res.end();
      return;
    }
    if (result.text !== undefined) res.writeHead(result.status, { 'content-type': 'text/plain' }).end(result.text);
    else
      res
        .writeHead(result.status, { 'content-type': 'application/json' })
        .end(result.body === undefined ? '' : JSON.stringify(result.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const loaded = loadedKubeconfigFor(url);
  return {
    url,
    routes,
    requests,
    loaded,
    client: (options) => new KubeClient(loaded, options),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * One server for a describe block: started before its tests, closed after, and emptied of requests
 * and routes before each test. Returns getters, since the server exists only once `before` ran.
 */
export function useFakeApiServer(): { server: () => FakeApiServer; client: () => KubeClient } {
  let server: FakeApiServer | undefined;
  let client: KubeClient | undefined;
  before(async () => {
    server = await startFakeApiServer();
    client = server.client();
  });
  after(() => server?.close());
  beforeEach(() => {
    if (!server) return;
    server.requests.length = 0;
    for (const key of Object.keys(server.routes)) delete server.routes[key];
  });
  return { server: () => server!, client: () => client! };
}
