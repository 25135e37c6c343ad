/**
 * The WebSocket signaling server: authenticates connections, schema-checks
 * every frame, rate-limits, keeps connections alive with pings, and hands
 * messages to the call service.
 *
 * @packageDocumentation
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { IdSchema, MAX_FRAME_BYTES, MAX_TOKEN_LENGTH } from '../protocol/protocol.js';
import { verifyUserToken, type AuthOptions } from './auth.js';
import type { Logger } from 'pino';
import { createCallService, type CallService, type CallServiceOptions } from './call-service.js';
import { systemClock } from './clock.js';
import { createServerPush, type WebPushOptions } from './push/server-push.js';
import { createMemoryStore } from './stores/memory.js';
import { toServerLog, silentLog, type ServerLog } from './logging/server-log.js';
import { countedPush, timedGrant } from './metrics/instrument.js';
import { listenMetrics, serveMetrics } from './metrics/metrics-endpoint.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import { probeLiveKit } from './livekit-probe.js';
import type { RateLimitOptions } from './rate-limit.js';
import { closeForShutdown, SHUTDOWN_CLOSE_CODE, SHUTDOWN_DEADLINE_MS, type ShutdownOptions } from './shutdown.js';
import { createWebhookSender, parseWebhookEndpoints, type WebhookEndpoint, type WebhookRetry } from './webhooks/webhook-sender.js';
import { deviceIdentity } from './identity.js';
import { createRoomJanitor } from './rooms.js';
import { createLiveKitGrants, type LiveKitOptions } from './tokens.js';
import { createPrecheckGrants } from './precheck/precheck-tokens.js';
import { WsPeer, type PeerHost } from './ws-peer.js';

export { UNAUTHORIZED_CLOSE_CODE } from './ws-peer.js';

/**
 * Options of {@link createRingServer}.
 *
 * @example
 * ```ts
 * const options: RingServerOptions = { port: 8787, auth: { jwtSecret: process.env.RINGKIT_JWT_SECRET! } };
 * ```
 */
export interface RingServerOptions
  extends Pick<CallServiceOptions, 'ringTimeoutMs' | 'graceMs' | 'callWaiting' | 'store' | 'onUnreachable' | 'onCallEnded' | 'onEvent' | 'onFeedback' | 'clock' | 'relay' | 'node'> {
  /** Port to listen on (0: any free port). Ignored when `server` is given. Default 8787. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Attach to your own HTTP server instead of starting one (then `/healthz` is yours to route). */
  server?: Server;
  /** LiveKit: tokens for call members and pre-call checks, and room clean-up (see `createRoomJanitor`). Without it, grants are left out and `precheck` is answered `unavailable`. */
  livekit?: LiveKitOptions;
  /** How connections authenticate. Required unless `dev` is on. */
  auth?: AuthOptions;
  /** Development mode: also accept `?user=<name>` without a token. Never in production. */
  dev?: boolean;
  /** Interval of the keep-alive ping (ms); a peer that misses two is dropped. Default 10 000. */
  heartbeatMs?: number;
  /** Per-connection rate limit. Default 20 messages/s, bursts of 40. */
  rateLimit?: RateLimitOptions;
  /** How long a connection may take to authenticate with `hello.token` (ms). Default 10 000. */
  helloTimeoutMs?: number;
  /** Structured JSON logs (pino): call events, connections, failures. Never tokens, tickets or `extra` payloads. */
  logger?: Logger;
  /** Plain text instead of `logger`: one line per call event and failure. */
  log?: ServerLog;
  /** Prometheus metrics of this process (see `createServerMetrics`), served on `GET /metrics` of the server's own HTTP server or of `metricsPort`. */
  metrics?: ServerMetrics;
  /** Serve `GET /metrics` on this port (same `host`) instead of the main one. */
  metricsPort?: number;
  /** Signed webhooks of call events (see `verifyWebhook`). */
  webhooks?: readonly WebhookEndpoint[];
  /** How webhooks are retried. */
  webhookRetry?: WebhookRetry;
  /** Whether the server can serve (for example: its shared store is reachable); `/healthz` answers 503 while false. */
  health?: () => boolean;
  /** Web Push: ring callees with no visible page (VAPID keys; see the README's "Ring closed tabs"). */
  push?: WebPushOptions;
}

/**
 * A running signaling server.
 *
 * @example
 * ```ts
 * const server = await createRingServer({ port: 0, dev: true });
 * console.log(server.url); // ws://127.0.0.1:54321
 * await server.close();
 * ```
 */
export interface RingServer {
  /** `ws://host:port` of the server. */
  readonly url: string;
  readonly port: number;
  /** The call rules behind the server. */
  readonly service: CallService;
  /** With your own `server`: serve ringkit's push decline route (`POST /calls/:callId/decline`); false for other requests. */
  handlePushRequest(request: IncomingMessage, response: ServerResponse): boolean;
  /** Close every connection at once and stop listening (queued webhooks are dropped). */
  close(): Promise<void>;
  /**
   * Stop gracefully: accept no more connections, close every connection with
   * `SHUTDOWN_CLOSE_CODE` (clients reconnect elsewhere and resume), deliver
   * queued webhooks until the deadline, then close.
   */
  shutdown(options?: ShutdownOptions): Promise<void>;
}

/** `/healthz`: 200 or 503 by `health`; LiveKit's reachability is reported as a field and never makes it 503. */
async function healthz(health: () => boolean, livekitUrl: string | undefined, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (request.method === 'GET' && path === '/healthz') {
    const ok = health();
    const livekit = livekitUrl === undefined ? {} : { livekit: (await probeLiveKit(livekitUrl)) ? 'reachable' : 'unreachable' };
    const body = ok ? { ok, ...livekit } : { ok, error: 'store unavailable', ...livekit };
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    return;
  }
  response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'not found' }));
}

/**
 * Start the signaling server.
 *
 * @throws Error when neither `auth` nor `dev` is given.
 * @example
 * ```ts
 * const server = await createRingServer({
 *   port: 8787,
 *   livekit: { url: 'wss://lk.example.com', apiKey, apiSecret },
 *   auth: { jwtSecret: process.env.RINGKIT_JWT_SECRET! },
 *   log: console.log,
 * });
 * ```
 */
export async function createRingServer(options: RingServerOptions): Promise<RingServer> {
  if (!options.auth && !options.dev) throw new Error('createRingServer needs `auth` (a JWT secret or an authenticate function), or `dev: true`');
  const log = options.logger ? toServerLog(options.logger) : (options.log ?? silentLog);
  const metrics = options.metrics;
  const rooms = options.livekit ? createRoomJanitor(options.livekit, log, metrics) : undefined;
  const grant = options.livekit ? createLiveKitGrants(options.livekit) : undefined;
  const webhookEndpoints = parseWebhookEndpoints(options.webhooks ?? []);
  const webhooks = webhookEndpoints.length > 0 ? createWebhookSender(webhookEndpoints, { log, metrics, retry: options.webhookRetry }) : undefined;
  const store = options.store ?? createMemoryStore();
  let httpUrl = '';
  const push = options.push
    ? createServerPush(metrics ? countedPush(options.push, metrics) : options.push, { store, clock: options.clock ?? systemClock, log, baseUrl: () => httpUrl })
    : undefined;
  const service = createCallService({
    ...options,
    store,
    log,
    ...(push ? { pusher: push.notifier } : {}),
    ...(options.livekit
      ? { grant: grant && metrics ? timedGrant(grant, metrics) : grant, livekitUrl: options.livekit.url, precheckGrant: createPrecheckGrants(options.livekit) }
      : {}),
    onEvent: (event) => {
      metrics?.onEvent(event);
      webhooks?.enqueue(event);
      options.onEvent?.(event);
    },
    onCallEnded: (call) => {
      rooms?.callEnded(call.room);
      options.onCallEnded?.(call);
    },
    onMemberRemoved: (call, user, device) => rooms?.memberRemoved(call.room, deviceIdentity(user, device)),
  });

  push?.bind(service);
  const handlePushRequest = (request: IncomingMessage, response: ServerResponse) => push?.handle(request, response) ?? false;
  const health = options.health ?? (() => true);
  const httpServer =
    options.server ??
    createServer((request, response) => {
      if (handlePushRequest(request, response)) return;
      if (!metrics || options.metricsPort !== undefined || !serveMetrics(metrics.registry, request, response)) void healthz(health, options.livekit?.url, request, response);
    });
  const wss = new WebSocketServer({ server: httpServer, maxPayload: MAX_FRAME_BYTES });
  // ws re-emits the HTTP server's errors; without a listener a failed listen would crash the process
  // (a failed listen is reported by the rejection below, so only later errors are logged).
  let started = Boolean(options.server);
  wss.on('error', (error) => {
    if (started) log(`server error: ${error.message}`);
  });
  const peers = new Set<WsPeer>();
  const detaching = new Set<Promise<void>>();
  let draining = false;
  metrics?.watchConnections(() => {
    const users = [...peers].flatMap((peer) => (peer.user === undefined ? [] : [peer.user]));
    return { devices: users.length, users: new Set(users).size };
  });

  async function authenticate(request: IncomingMessage, token: string | undefined): Promise<string | undefined> {
    const auth = options.auth;
    if (!auth || (token !== undefined && token.length > MAX_TOKEN_LENGTH)) return undefined;
    if ('jwtSecret' in auth) return token === undefined ? undefined : verifyUserToken(token, auth.jwtSecret);
    try {
      const user = await auth.authenticate(request, token);
      return user !== undefined && IdSchema.safeParse(user).success ? user : undefined;
    } catch (error) {
      log(`authenticate failed: ${String(error)}`, { level: 'warn', event: 'auth-failed' });
      return undefined;
    }
  }

  const peerHost: PeerHost = {
    service,
    peers,
    dev: options.dev === true,
    authenticatesRequests: options.auth !== undefined && !('jwtSecret' in options.auth),
    rateLimit: options.rateLimit,
    helloTimeoutMs: options.helloTimeoutMs ?? 10_000,
    log,
    metrics,
    authenticate,
    detach(connection) {
      const detached = service.detach(connection).finally(() => detaching.delete(detached));
      detaching.add(detached);
    },
  };

  wss.on('connection', (socket, request) => {
    if (draining) return socket.close(SHUTDOWN_CLOSE_CODE, 'server shutting down; reconnect');
    new WsPeer(socket, request, peerHost);
  });

  const heartbeat = setInterval(() => {
    for (const peer of peers) {
      if (peer.missedPongs >= 2) {
        log(`${peer.user ?? 'unauthenticated peer'} missed two pings; dropping it`, { event: 'peer-timeout', user: peer.user });
        peer.socket.terminate();
        continue;
      }
      peer.missedPongs += 1;
      peer.socket.ping();
    }
  }, options.heartbeatMs ?? 10_000);
  heartbeat.unref();

  if (!options.server) {
    try {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      started = true;
    } catch (error) {
      clearInterval(heartbeat);
      rooms?.close();
      wss.close();
      service.close();
      throw error;
    }
  }
  const address = httpServer.address() as AddressInfo | null;
  const port = address?.port ?? options.port ?? 8787;
  const host = options.host ?? '127.0.0.1';
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  httpUrl = `http://${hostPort}`;
  const metricsServer = metrics && options.metricsPort !== undefined ? await listenMetrics(metrics.registry, options.metricsPort, host) : undefined;

  const server: RingServer = {
    url: `ws://${hostPort}`,
    port,
    service,
    handlePushRequest,
    async close() {
      webhooks?.close();
      clearInterval(heartbeat);
      rooms?.close();
      for (const peer of peers) peer.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      service.close();
      await push?.notifier.settled();
      if (!options.server) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
    },
    async shutdown({ deadlineMs = SHUTDOWN_DEADLINE_MS } = {}) {
      const until = Date.now() + deadlineMs;
      draining = true;
      if (!options.server) httpServer.close();
      await closeForShutdown([...peers].map((peer) => peer.socket), until);
      await Promise.all(detaching);
      const undelivered = (await webhooks?.flush(Math.max(0, until - Date.now()))) ?? 0;
      if (undelivered > 0) log(`${undelivered} webhook(s) not delivered before the shutdown deadline`, { level: 'warn', event: 'webhook.abandoned' });
      await server.close();
    },
  };
  return server;
}
