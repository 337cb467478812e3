// A way to the test bed's real API server that a test can cut: plain HTTP from the plugin to here, the
// bed's own TLS and credentials from here on. Through TLS a TCP proxy cannot tell one request from the
// next; here a test stops "the API server" exactly between the dry run and the write, in the middle of
// an answer, or holds a write while it signals the plugin. Stopped, it behaves as a stopped server does:
// open connections drop, new ones are refused.
import { type ClientRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface Upstream {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
}

export interface ProxiedRequest {
  method: string;
  /** Path and query, as the plugin sent them. */
  url: string;
  /** A server-side dry run (dryRun=All), which writes nothing. */
  dryRun: boolean;
}

/**
 * forward: pass it on. stop: go down with the request unanswered. stop-after-answer: stop taking
 * connections, then deliver this answer. stop-mid-answer: deliver half of the answer's body, then go down.
 */
export type Verdict = 'forward' | 'stop' | 'stop-after-answer' | 'stop-mid-answer';

/** The bed's kubeconfig as `kubectl config view --raw --minify --flatten -o json` prints it. */
export function upstreamFromKubeconfig(json: string): Upstream {
  const config = JSON.parse(json) as {
    clusters: { cluster: { server: string; 'certificate-authority-data'?: string } }[];
    users: { user: { 'client-certificate-data'?: string; 'client-key-data'?: string; token?: string } }[];
  };
  const { cluster } = config.clusters[0]!;
  const { user } = config.users[0]!;
  const data = (text: string | undefined) => (text ? Buffer.from(text, 'base64') : undefined);
  return {
    server: cluster.server,
    ...(cluster['certificate-authority-data'] ? { ca: data(cluster['certificate-authority-data']) } : {}),
    ...(user['client-certificate-data'] ? { cert: data(user['client-certificate-data']), key: data(user['client-key-data']) } : {}),
    ...(user.token ? { token: user.token } : {}),
  };
}

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'authorization']);

export class ApiProxy {
  /** Every request that reached the proxy while it was up, in arrival order. */
  readonly seen: ProxiedRequest[] = [];
  /** Decides each request as it arrives; a test may hold one by answering later. */
  onRequest: (request: ProxiedRequest) => Verdict | Promise<Verdict> = () => 'forward';
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly upstreamRequests = new Set<ClientRequest>();
  private closed: Promise<void> = Promise.resolve();

  private constructor(
    private readonly upstream: Upstream,
    private port: number,
  ) {}

  static async start(upstream: Upstream): Promise<ApiProxy> {
    const proxy = new ApiProxy(upstream, 0);
    await proxy.restart();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get up(): boolean {
    return this.server !== undefined;
  }

  /** As the API server going down: no new connections, every open one dropped, answers in flight lost. */
  stop(): void {
    this.stopListening();
    for (const request of this.upstreamRequests) request.destroy();
    for (const socket of this.sockets) socket.destroy();
  }

  /** Back on the same port, so the journal's server address stays the same. */
  async restart(): Promise<void> {
    await this.closed;
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** New connections are refused from here on; the port is free once the open ones have ended. */
  private stopListening(): void {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.closed = new Promise((resolve) => server.close(() => resolve()));
  }

  private async handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const server = this.server;
    const request = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', dryRun: /[?&]dryRun=All\b/.test(incoming.url ?? '') };
    this.seen.push(request);
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const verdict = await this.onRequest(request);
    // Stopped while the request was held: it is lost with the server.
    if (verdict === 'stop' || this.server !== server) return this.stop();
    const headers = Object.fromEntries(Object.entries(incoming.headers).filter(([name]) => !hopByHop.has(name)));
    const target = new URL(request.url, this.upstream.server);
    const forwarded = httpsRequest(
      target,
      {
        method: request.method,
        headers: { ...headers, ...(this.upstream.token ? { authorization: `Bearer ${this.upstream.token}` } : {}) },
        ...(this.upstream.ca ? { ca: this.upstream.ca } : {}),
        ...(this.upstream.cert ? { cert: this.upstream.cert, key: this.upstream.key } : {}),
      },
      (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => body.push(chunk));
        answer.on('end', () => {
          this.upstreamRequests.delete(forwarded);
          const whole = Buffer.concat(body);
          const answerHeaders = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !hopByHop.has(name)));
          // One connection per request: once stopped, the plugin's next request is refused, never sent on an old socket.
          response.writeHead(answer.statusCode ?? 502, { ...answerHeaders, 'content-length': whole.length, connection: 'close' });
          if (verdict === 'stop-mid-answer') {
            response.write(whole.subarray(0, Math.floor(whole.length / 2)), () => this.stop());
            return;
          }
          if (verdict === 'stop-after-answer') this.stopListening();
          response.end(whole, () => {
            if (verdict === 'stop-after-answer') this.stop();
          });
        });
      },
    );
    this.upstreamRequests.add(forwarded);
    forwarded.on('error', () => response.destroy());
    forwarded.end(Buffer.concat(chunks));
  }
}
