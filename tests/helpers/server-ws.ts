/**
 * Real-socket test fixtures for the signaling server: an in-process server on
 * 127.0.0.1 (random port) and recording WebSocket clients. Every wait is bounded.
 */
import { WebSocket } from 'ws';
import { parseServerMessage } from '../../src/protocol/protocol.js';
import { createUserToken } from '../../src/server/auth.js';
import { createRingServer, type RingServer, type RingServerOptions } from '../../src/server/ws-server.js';
import { recordingClient, WAIT_MS, type TestClient } from './server-client.js';

/** A bound, not a timing: hundreds of sockets opening at once on a loaded 2-core machine can take seconds. */
const OPEN_TIMEOUT_MS = 15_000;

/** The JWT secret test servers use. */
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256';
/** LiveKit keys test servers sign with (no LiveKit runs; tokens are only verified). */
export const TEST_LIVEKIT = { url: 'ws://127.0.0.1:9', apiKey: 'testkey', apiSecret: 'test-livekit-secret-long-enough-000' };

/** A WebSocket test client. */
export interface WsTestClient extends TestClient {
  readonly socket: WebSocket;
  /** Resolves with the close code and reason once the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Send anything (bad input tests). */
  sendRaw(data: string | Buffer, binary?: boolean): void;
  /** Close the socket normally and wait for it. */
  close(): Promise<void>;
  /** Kill the socket without a close handshake (a dropped network). */
  drop(): Promise<void>;
}

/**
 * Start a server on a random loopback port, JWT auth plus dev names, LiveKit tokens on.
 *
 * @example
 * ```ts
 * const server = await startTestServer({ ringTimeoutMs: 5_000 });
 * ```
 */
export function startTestServer(options: Partial<RingServerOptions> = {}): Promise<RingServer> {
  return createRingServer({
    port: 0,
    host: '127.0.0.1',
    dev: true,
    auth: { jwtSecret: TEST_JWT_SECRET },
    livekit: TEST_LIVEKIT,
    onCallEnded: () => undefined,
    ...options,
  });
}

/**
 * A token the test server accepts for `user`.
 *
 * @example
 * ```ts
 * const token = await tokenFor('alice');
 * ```
 */
export function tokenFor(user: string, expiresIn: string | number = '1h'): Promise<string> {
  return createUserToken({ user, secret: TEST_JWT_SECRET, expiresIn });
}

/**
 * Open a socket to `server` (with `?query`), record what arrives, and (unless
 * `hello: false`) say hello. Dev names (`user`) are the default credentials.
 *
 * @example
 * ```ts
 * const alice = await connectWs(server, { user: 'alice' });
 * const raw = await connectWs(server, { query: 'token=bad', hello: false });
 * ```
 */
export async function connectWs(
  server: Pick<RingServer, 'url'>,
  options: { user?: string; query?: string; hello?: boolean; resume?: string } = {},
): Promise<WsTestClient> {
  const query = options.query ?? (options.user === undefined ? '' : `user=${encodeURIComponent(options.user)}`);
  const socket = new WebSocket(`${server.url}/?${query}`);
  const { client, receive } = recordingClient(options.user ?? 'anonymous', (message) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  });
  socket.on('message', (data) => {
    const parsed = parseServerMessage(String(data));
    if (!parsed.ok) throw new Error(`server sent an invalid message: ${parsed.error.message}: ${String(data)}`);
    receive(parsed.message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not open in time')), OPEN_TIMEOUT_MS);
    socket.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const wsClient = Object.assign(client, {
    socket,
    closed,
    sendRaw(data: string | Buffer, binary = false) {
      socket.send(data, { binary });
    },
    async close() {
      socket.close(1000, 'bye');
      await bounded(closed);
    },
    async drop() {
      socket.terminate();
      await bounded(closed);
    },
  });
  if (options.hello !== false) await client.hello(options.resume);
  return wsClient;
}

/**
 * Wait for `promise` at most `ms`.
 *
 * @example
 * ```ts
 * const { code } = await bounded(client.closed);
 * ```
 */
export function bounded<T>(promise: Promise<T>, ms = WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not settled within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
