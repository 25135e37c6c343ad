import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage, type ServerMessageOf } from '../../src/protocol/protocol.js';

interface Waiter {
  matches(message: ServerMessage): boolean;
  resolve(message: ServerMessage): void;
}

/** Thrown when a {@link ProtocolClient} waits longer than its timeout. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

/**
 * A server frame as a message, or `undefined` when it is not a JSON object with a `type`.
 * Deliberately shallow (no schema): the load generator must not compete with the server for CPU.
 */
function readServerMessage(frame: string): ServerMessage | undefined {
  try {
    const value: unknown = JSON.parse(frame);
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') {
      return value as ServerMessage;
    }
  } catch {
    // Not JSON: ignored, the waiting side times out.
  }
  return undefined;
}

let requestCounter = 0;

/**
 * A request id unique in this process.
 *
 * @example
 * ```ts
 * client.send({ type: 'ping', id: nextRequestId() });
 * ```
 */
export function nextRequestId(): string {
  requestCounter += 1;
  return `r${requestCounter}`;
}

/**
 * A bare protocol client over `ws`: speaks the wire messages directly, with no call machine.
 * The benchmarks use it to load the server without measuring a client library.
 *
 * @example
 * ```ts
 * const alice = await ProtocolClient.connect('ws://127.0.0.1:8080/?user=alice');
 * alice.send({ type: 'invite', id: nextRequestId(), callId: 'c1', to: ['bob'], media: 'audio' });
 * const ringing = await alice.next('ringing');
 * ```
 */
export class ProtocolClient {
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(message: ServerMessage) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = readServerMessage(String(data));
      if (message) this.dispatch(message);
    });
  }

  /** Opens a connection to `url`, says `hello` and resolves once welcomed. */
  static async connect(url: string, { token, timeoutMs = 10_000 }: { token?: string; timeoutMs?: number } = {}) {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new WaitTimeoutError(`no connection to ${url} in ${timeoutMs} ms`)), timeoutMs);
      socket.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    socket.on('error', () => socket.terminate());
    const client = new ProtocolClient(socket);
    const welcomed = client.next('welcome', { timeoutMs });
    client.send({ type: 'hello', id: nextRequestId(), version: PROTOCOL_VERSION, ...(token && { token }) });
    const welcome = await welcomed;
    return { client, welcome };
  }

  private dispatch(message: ServerMessage): void {
    for (const waiter of this.waiters) {
      if (waiter.matches(message)) {
        this.waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
    for (const listener of this.listeners) listener(message);
  }

  /** Sends one message. */
  send(message: ClientMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Calls `listener` for every message; returns the unsubscribe function. */
  onMessage(listener: (message: ServerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next message of `type` (matching `where`), or a {@link WaitTimeoutError} after `timeoutMs`. */
  next<T extends ServerMessage['type']>(
    type: T,
    { where, timeoutMs = 10_000 }: { where?: (message: ServerMessageOf<T>) => boolean; timeoutMs?: number } = {},
  ): Promise<ServerMessageOf<T>> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        matches: (message) => message.type === type && (!where || where(message as ServerMessageOf<T>)),
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message as ServerMessageOf<T>);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new WaitTimeoutError(`no ${type} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Closes the connection at once. */
  close(): void {
    this.socket.terminate();
  }
}
