/**
 * A recording test client for the signaling rules: over the memory hub, over
 * a fake connection straight into a call service, or (see server-ws.ts) over
 * a real WebSocket. Every wait is bounded.
 */
import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage, type ServerMessageOf } from '../../src/protocol/protocol.js';

/** Default bound of every wait (ms). */
export const WAIT_MS = 2_000;

type Waiter = { match: (message: ServerMessage) => boolean; resolve: (message: ServerMessage) => void };

/** A client that records everything it receives and waits for messages by type. */
export interface TestClient {
  readonly user: string;
  /** Every message received, in order. */
  readonly received: ServerMessage[];
  /** The device id from `welcome`. */
  device: string;
  /** The session id from `welcome`. */
  session: string;
  /** Send a message (or raw input, for transports that allow it). */
  send(message: ClientMessage): void;
  /** Wait for the next unconsumed message of `type` (matching `where`) and consume it. */
  next<T extends ServerMessage['type']>(type: T, where?: (message: ServerMessageOf<T>) => boolean, timeoutMs?: number): Promise<ServerMessageOf<T>>;
  /** Send a request and wait for the message that answers it (`replyTo` = its id). */
  request(message: ClientMessage, timeoutMs?: number): Promise<ServerMessage>;
  /** Say hello (optionally resuming) and wait for `welcome`. */
  hello(resume?: string): Promise<ServerMessageOf<'welcome'>>;
  /** Unconsumed messages of a type (does not consume). */
  pending<T extends ServerMessage['type']>(type: T): ServerMessageOf<T>[];
  /** All `ended` messages for a call ever received. */
  endings(callId: string): ServerMessageOf<'ended'>[];
}

let requestCounter = 0;

/**
 * A fresh request id.
 *
 * @example
 * ```ts
 * client.send({ type: 'ping', id: rid() });
 * ```
 */
export function rid(): string {
  requestCounter += 1;
  return `r${requestCounter}`;
}

/**
 * Build a test client on top of a `send` function; feed it with the returned `receive`.
 *
 * @example
 * ```ts
 * const { client, receive } = recordingClient('alice', (message) => transport.send(message));
 * transport.onMessage(receive);
 * ```
 */
export function recordingClient(
  user: string,
  send: (message: ClientMessage) => void,
): { client: TestClient; receive: (message: ServerMessage) => void } {
  const received: ServerMessage[] = [];
  const consumed = new Set<ServerMessage>();
  const waiters = new Set<Waiter>();

  function receive(message: ServerMessage): void {
    received.push(message);
    for (const waiter of waiters) {
      if (!consumed.has(message) && waiter.match(message)) {
        consumed.add(message);
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  }

  function waitFor(match: (message: ServerMessage) => boolean, what: string, timeoutMs: number): Promise<ServerMessage> {
    const found = received.find((message) => !consumed.has(message) && match(message));
    if (found) {
      consumed.add(found);
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        const seen = received.map((message) => message.type).join(', ');
        reject(new Error(`${user}: no ${what} within ${timeoutMs} ms; received: [${seen}]`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  }

  const client: TestClient = {
    user,
    received,
    device: '',
    session: '',
    send,
    async next(type, where, timeoutMs = WAIT_MS) {
      const match = (message: ServerMessage) =>
        message.type === type && (where === undefined || where(message as ServerMessageOf<typeof type>));
      return (await waitFor(match, `'${type}'`, timeoutMs)) as ServerMessageOf<typeof type>;
    },
    async request(message, timeoutMs = WAIT_MS) {
      const id = 'id' in message ? message.id : '';
      const reply = waitFor((candidate) => 'replyTo' in candidate && candidate.replyTo === id, `reply to ${message.type} ${id}`, timeoutMs);
      send(message);
      return reply;
    },
    async hello(resume) {
      const reply = await client.request({ type: 'hello', id: rid(), version: PROTOCOL_VERSION, ...(resume ? { resume } : {}) });
      if (reply.type !== 'welcome') throw new Error(`${user}: hello answered with ${JSON.stringify(reply)}`);
      client.device = reply.device;
      client.session = reply.session;
      return reply;
    },
    pending(type) {
      return received.filter((message) => message.type === type && !consumed.has(message)) as ServerMessageOf<typeof type>[];
    },
    endings(callId) {
      return received.filter((message): message is ServerMessageOf<'ended'> => message.type === 'ended' && message.callId === callId);
    },
  };
  return { client, receive };
}
