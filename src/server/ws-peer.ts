/**
 * One WebSocket connection of the signaling server: authentication (query
 * token, dev user, or `hello.token`), frame parsing, rate limit, keep-alive
 * state. A peer is one small object; its socket listeners are shared by all
 * peers, and the upgrade request and hello timer are dropped once it is in.
 *
 * @packageDocumentation
 */
import type { IncomingMessage } from 'node:http';
import { WebSocket, type RawData } from 'ws';
import { IdSchema, parseClientMessage, type ServerMessage } from '../protocol/protocol.js';
import type { CallService, Connection } from './call-service.js';
import type { ServerLog } from './logging/server-log.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import { createTokenBucket, type RateLimitOptions } from './rate-limit.js';

/** Close code for a connection that could not be authenticated. */
export const UNAUTHORIZED_CLOSE_CODE = 4001;

/** What every peer of one server shares. */
export interface PeerHost {
  readonly service: CallService;
  /** The open peers (each adds and removes itself). */
  readonly peers: Set<WsPeer>;
  /** Accept `?user=<name>` without a token. */
  readonly dev: boolean;
  /** The app's `authenticate` may admit a connection from its upgrade request alone (no token). */
  readonly authenticatesRequests: boolean;
  readonly rateLimit: RateLimitOptions | undefined;
  readonly helloTimeoutMs: number;
  readonly log: ServerLog;
  readonly metrics: ServerMetrics | undefined;
  /** The user a token (or, for an `authenticate` function, the request) stands for, if any. */
  authenticate(request: IncomingMessage, token: string | undefined): Promise<string | undefined>;
  /** An admitted peer's socket closed: hand its connection to the call service's grace period. */
  detach(connection: Connection): void;
}

const peers = new WeakMap<WebSocket, WsPeer>();

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function onPong(this: WebSocket): void {
  const peer = peers.get(this);
  if (peer) peer.missedPongs = 0;
}

function onClose(this: WebSocket): void {
  peers.get(this)?.closed();
}

function onError(this: WebSocket, error: Error): void {
  const peer = peers.get(this);
  peer?.host.log(`socket error: ${error.message}`, { level: 'warn', event: 'socket-error', user: peer.user });
}

function onMessage(this: WebSocket, data: RawData, isBinary: boolean): void {
  peers.get(this)?.received(data, isBinary);
}

function helloTimedOut(peer: WsPeer): void {
  if (peer.user === undefined) peer.refuse('no credentials arrived in time');
}

/**
 * A connection of the signaling server; it is also the call service's {@link Connection}.
 *
 * @internal
 * @example
 * ```ts
 * wss.on('connection', (socket, request) => new WsPeer(socket, request, host));
 * ```
 */
export class WsPeer implements Connection {
  readonly socket: WebSocket;
  readonly host: PeerHost;
  /** The authenticated user, once admitted. */
  user: string | undefined;
  /** Keep-alive pings without a pong since the last one. */
  missedPongs = 0;
  private readonly bucket: { take(): boolean };
  /** Held only until the peer is admitted (a custom `authenticate` may need it for `hello`). */
  private upgrade: IncomingMessage | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  /** Frames are handled one after the other. */
  private frames: Promise<void>;

  constructor(socket: WebSocket, request: IncomingMessage, host: PeerHost) {
    this.socket = socket;
    this.host = host;
    this.bucket = createTokenBucket(host.rateLimit);
    this.upgrade = request;
    this.helloTimer = setTimeout(helloTimedOut, host.helloTimeoutMs, this);
    host.peers.add(this);
    peers.set(socket, this);
    socket.on('pong', onPong);
    socket.on('close', onClose);
    socket.on('error', onError);
    socket.on('message', onMessage);
    this.frames = this.authenticateFromQuery(request);
  }

  send(message: ServerMessage): void {
    if (message.type === 'error') this.host.metrics?.errorsSent.inc({ code: message.code });
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Answer `unauthorized` and close with {@link UNAUTHORIZED_CLOSE_CODE}. */
  refuse(message: string, replyTo?: string): void {
    this.send({ type: 'error', code: 'unauthorized', message, ...(replyTo === undefined ? {} : { replyTo }) });
    this.socket.close(UNAUTHORIZED_CLOSE_CODE, 'unauthorized');
  }

  /** The socket closed. */
  closed(): void {
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    this.upgrade = undefined;
    this.host.peers.delete(this);
    if (this.user !== undefined) this.host.detach(this);
  }

  /** A frame arrived: handle it after the ones before it. */
  received(data: RawData, isBinary: boolean): void {
    this.frames = this.frames
      .then(() => this.onFrame(data, isBinary))
      .catch((error: unknown) => this.host.log(`frame failed: ${String(error)}`, { level: 'error', event: 'frame-failed', user: this.user }));
  }

  private admit(user: string): void {
    this.user = user;
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
    this.upgrade = undefined;
    this.host.service.attach(user, this);
  }

  private async onFrame(data: RawData, isBinary: boolean): Promise<void> {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    if (isBinary) return this.send({ type: 'error', code: 'bad-message', message: 'binary frames are not accepted' });
    const parsed = parseClientMessage(frameText(data));
    if (!parsed.ok) {
      const { code, message, replyTo } = parsed.error;
      return this.send({ type: 'error', code, message, ...(replyTo === undefined ? {} : { replyTo }) });
    }
    const message = parsed.message;
    if (!this.bucket.take()) {
      this.host.metrics?.rateLimited.inc();
      return this.send({ type: 'error', code: 'rate-limited', message: 'too many messages; slow down', replyTo: message.id });
    }
    if (this.user === undefined) {
      if (message.type !== 'hello') {
        return this.send({ type: 'error', code: 'not-authenticated', message: 'send hello with a token first', replyTo: message.id });
      }
      const user = this.upgrade && (await this.host.authenticate(this.upgrade, message.token));
      if (user === undefined) return this.refuse('the token is missing, invalid or expired', message.id);
      this.admit(user);
    }
    await this.host.service.receive(this, message);
  }

  private async authenticateFromQuery(request: IncomingMessage): Promise<void> {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const token = query.get('token') ?? undefined;
    const devUser = query.get('user');
    if (token !== undefined) {
      const user = await this.host.authenticate(request, token);
      if (user === undefined) return this.refuse('the token is invalid or expired');
      this.admit(user);
    } else if (devUser !== null) {
      if (!this.host.dev) return this.refuse('user names without a token are accepted only in dev mode');
      if (!IdSchema.safeParse(devUser).success) return this.refuse('invalid user name');
      this.admit(devUser);
    } else if (this.host.authenticatesRequests) {
      const user = await this.host.authenticate(request, undefined);
      if (user !== undefined) this.admit(user);
    }
  }
}
