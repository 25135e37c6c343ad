/**
 * A real local Web Push service for tests: `web-push-testing` (npm) in its own
 * process, behind a recording HTTP proxy that keeps each request's headers
 * (TTL, Urgency, Topic) and can play a push service that is down or slow.
 * The service decrypts what it receives, so a test reads back the real payload.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { PushSubscriptionJSON } from '../../src/protocol/push.js';
import { bounded } from './server-ws.js';

/** One push request as the proxy saw it. */
export interface RecordedPush {
  clientHash: string;
  headers: IncomingHttpHeaders;
  /** The push service's status, once it answered. */
  status?: number;
}

/** How the proxy treats push requests. */
export type PushServiceMode = 'up' | 'down' | 'slow';

/** A running local push service. */
export interface WebPushService {
  /** Subscribe like a browser would, for the server's VAPID public key. */
  subscribe(applicationServerKey: string): Promise<{ subscription: PushSubscriptionJSON; clientHash: string }>;
  /** The decrypted payloads a subscription received, oldest first. */
  messages(clientHash: string): Promise<string[]>;
  /** Wait until a subscription has received `count` payloads; returns them all. */
  waitForMessages(clientHash: string, count: number, timeoutMs?: number): Promise<string[]>;
  /** Make a subscription's endpoint answer 410 Gone. */
  expire(clientHash: string): Promise<void>;
  /** Every push request so far. */
  readonly requests: RecordedPush[];
  /** Wait for the `n`th push request (1-based) to arrive at the proxy. */
  waitForRequest(n: number, timeoutMs?: number): Promise<RecordedPush>;
  /** `down`: close every push request's connection; `slow`: hold them until `release()` or the mode changes. */
  setMode(mode: PushServiceMode): void;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : undefined;
  return { status: response.status, json };
}

async function startService(port: number): Promise<ChildProcess> {
  const script = require.resolve('web-push-testing/src/bin/server.js');
  const child = spawn(process.execPath, [script, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await bounded(
    new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Server running')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`web-push-testing exited with ${code}: ${output}`)));
    }),
    10_000,
  );
  return child;
}

/**
 * Start web-push-testing and its recording proxy on free loopback ports.
 *
 * @example
 * ```ts
 * const push = await startWebPushService();
 * const { subscription, clientHash } = await push.subscribe(vapidPublicKey);
 * ```
 */
export async function startWebPushService(): Promise<WebPushService> {
  const servicePort = await freePort();
  const child = await startService(servicePort);
  const requests: RecordedPush[] = [];
  const arrivals = new Set<() => void>();
  const held = new Set<ServerResponse>();
  let mode: PushServiceMode = 'up';

  const proxy: Server = createServer((incoming, outgoing) => {
    const clientHash = /\/notify\/([^/?]+)/.exec(incoming.url ?? '')?.[1] ?? '';
    const record: RecordedPush = { clientHash, headers: incoming.headers };
    requests.push(record);
    for (const arrived of arrivals) arrived();
    if (mode === 'down') {
      incoming.socket.destroy();
      return;
    }
    if (mode === 'slow') {
      held.add(outgoing);
      outgoing.on('close', () => held.delete(outgoing));
      incoming.resume();
      return;
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port: servicePort, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (response) => {
        record.status = response.statusCode;
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyPort = (proxy.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${servicePort}`;

  const service: WebPushService = {
    requests,
    async subscribe(applicationServerKey) {
      const { status, json } = await post(`${base}/subscribe`, { userVisibleOnly: 'true', applicationServerKey });
      const data = (json as { data?: PushSubscriptionJSON & { clientHash: string } }).data;
      if (status !== 200 || !data) throw new Error(`subscribe failed: ${status} ${JSON.stringify(json)}`);
      const { clientHash, ...subscription } = data;
      const endpoint = new URL(subscription.endpoint);
      endpoint.host = `127.0.0.1:${proxyPort}`;
      return { subscription: { ...subscription, endpoint: endpoint.toString() }, clientHash };
    },
    async messages(clientHash) {
      const { json } = await post(`${base}/get-notifications`, { clientHash });
      return (json as { data?: { messages?: string[] } }).data?.messages ?? [];
    },
    async waitForMessages(clientHash, count, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const messages = await service.messages(clientHash);
        if (messages.length >= count) return messages;
        if (Date.now() > until) throw new Error(`only ${messages.length} of ${count} push messages arrived: ${JSON.stringify(messages)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async expire(clientHash) {
      await post(`${base}/expire-subscription/${clientHash}`, {});
    },
    waitForRequest(n, timeoutMs = 5_000) {
      return bounded(
        new Promise<RecordedPush>((resolve) => {
          const check = () => {
            const found = requests[n - 1];
            if (!found) return;
            arrivals.delete(check);
            resolve(found);
          };
          arrivals.add(check);
          check();
        }),
        timeoutMs,
      );
    },
    setMode(next) {
      mode = next;
      if (next !== 'slow') for (const response of held) response.destroy();
    },
    async stop() {
      for (const response of held) response.destroy();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await bounded(exited, 5_000);
    },
  };
  return service;
}
