/**
 * The ring client's connection to the signaling server: hello/welcome,
 * requests matched to replies with timeouts, reconnection with backoff and
 * session resume, and a queue for messages sent while reconnecting.
 *
 * @packageDocumentation
 */
import { RingError } from '../errors.js';
import type { ClientMessage, ServerMessage, ServerMessageOf } from '../../protocol/protocol.js';
import { PROTOCOL_VERSION } from '../../protocol/limits.js';
import type { SignalingTransport, TransportFactory } from '../signaling/transport.js';
import { backoffDelay } from './backoff.js';
import type { BackoffOptions, ConnectionStatus } from './types.js';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A message the client sends (the connection adds the request `id`). */
export type OutgoingMessage = WithoutId<Exclude<ClientMessage, { type: 'hello' }>>;

/** A successful reply to a request. */
export type Reply = ServerMessageOf<'invited' | 'answered' | 'history' | 'ok' | 'pong' | 'precheck'>;

/** Close code the server uses for refused credentials. */
const UNAUTHORIZED_CLOSE = 4001;

/** Options of {@link createConnection}. */
export interface ConnectionOptions {
  /** Makes one transport per (re)connection. */
  transport: TransportFactory;
  /** Credentials for `hello`. */
  token?: string | (() => string | Promise<string>);
  /** Reconnection backoff. */
  backoff: Required<BackoffOptions>;
  /** How long a request (and `hello`) waits for its reply. */
  requestTimeoutMs: number;
  /** The status changed. */
  onStatus(status: ConnectionStatus): void;
  /** The server welcomed this device (first time, or after a reconnection). */
  onWelcome(welcome: ServerMessageOf<'welcome'>): void;
  /** A message that is not a reply to a pending request. */
  onMessage(message: ServerMessage): void;
  /** A connection-level failure (bad credentials, giving up). */
  onError(error: RingError): void;
}

/** A live connection, reconnecting on its own until closed. */
export interface Connection {
  /** Where the connection stands. */
  status(): ConnectionStatus;
  /** Connect (idempotent); resolves once welcomed, rejects when this attempt fails (retries go on). */
  connect(): Promise<void>;
  /** Send a request and wait for its reply; queued while reconnecting when `queue` is set. */
  request(message: OutgoingMessage, options?: RequestOptions): Promise<Reply>;
  /** Close for good (until `connect` is called again). */
  close(): void;
}

/** Options of `request`. */
export interface RequestOptions {
  /** Queue the message while (re)connecting instead of failing with `not-connected`. */
  queue?: boolean;
}

interface Pending {
  settle(result: Reply | RingError): void;
  timer: ReturnType<typeof setTimeout>;
  callId?: string;
}

/**
 * Create a connection (it does nothing until `connect()`).
 *
 * @example
 * ```ts
 * const connection = createConnection({ transport, backoff: DEFAULT_BACKOFF, requestTimeoutMs: 10_000, ...handlers });
 * await connection.connect();
 * await connection.request({ type: 'presence', status: 'do-not-disturb' });
 * ```
 */
export function createConnection(options: ConnectionOptions): Connection {
  let status: ConnectionStatus = 'idle';
  let transport: SignalingTransport | undefined;
  let session: string | undefined;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let connecting: Promise<void> | undefined;
  let nextId = 0;
  const pending = new Map<string, Pending>();
  const queue: Array<{ id: string; message: OutgoingMessage }> = [];

  function setStatus(next: ConnectionStatus): void {
    if (next === status) return;
    status = next;
    options.onStatus(next);
  }

  const newId = () => `r${(nextId++).toString(36)}`;

  function settle(message: ServerMessage): boolean {
    if (!('replyTo' in message) || message.replyTo === undefined) return false;
    const entry = pending.get(message.replyTo);
    if (!entry) return false;
    pending.delete(message.replyTo);
    clearTimeout(entry.timer);
    if (message.type === 'error') entry.settle(new RingError(message.code, message.message, { callId: message.callId ?? entry.callId }));
    else if (message.type === 'welcome') entry.settle(new RingError('invalid-state', 'unexpected welcome'));
    else entry.settle(message);
    return true;
  }

  function rejectAll(code: 'disconnected' | 'not-connected', words: string): void {
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      pending.delete(id);
      entry.settle(new RingError(code, words, { callId: entry.callId }));
    }
    queue.length = 0;
  }

  async function resolveToken(): Promise<string | undefined> {
    const { token } = options;
    if (token === undefined) return undefined;
    return typeof token === 'function' ? await token() : token;
  }

  function scheduleRetry(): void {
    if (status === 'disconnected' || status === 'idle') return;
    if (attempt >= options.backoff.maxAttempts) {
      setStatus('disconnected');
      rejectAll('not-connected', 'gave up reconnecting');
      options.onError(new RingError('not-connected', `could not reconnect after ${attempt} attempts`));
      return;
    }
    setStatus('reconnecting');
    const delay = backoffDelay(options.backoff, attempt++);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      attemptConnection().catch(() => undefined);
    }, delay);
  }

  /** One connection attempt: open, hello, welcome. Failures schedule a retry (except bad credentials). */
  async function attemptConnection(): Promise<void> {
    const current = options.transport();
    transport = current;
    let welcomed = false;
    let refused = false;
    let abortHello: ((error: RingError) => void) | undefined;
    const stopMessages = current.onMessage((message) => {
      if (transport !== current) return;
      if (settle(message)) return;
      options.onMessage(message);
    });
    const stopClose = current.onClose((info) => {
      stopMessages();
      stopClose();
      if (info.code === UNAUTHORIZED_CLOSE) refused = true;
      abortHello?.(new RingError(refused ? 'unauthorized' : 'disconnected', `connection closed (${info.code} ${info.reason})`));
      if (transport !== current) return;
      transport = undefined;
      if (refused) return;
      rejectAll('disconnected', `connection lost (${info.code})`);
      if (welcomed) scheduleRetry();
    });
    try {
      await current.open();
      const token = await resolveToken();
      const welcome = await new Promise<ServerMessageOf<'welcome'>>((resolve, reject) => {
        const id = newId();
        const timer = setTimeout(() => {
          stopWelcome();
          reject(new RingError('timeout', 'the server did not answer hello'));
        }, options.requestTimeoutMs);
        abortHello = (error) => {
          clearTimeout(timer);
          stopWelcome();
          reject(error);
        };
        const stopWelcome = current.onMessage((message) => {
          if (!('replyTo' in message) || message.replyTo !== id) return;
          clearTimeout(timer);
          stopWelcome();
          if (message.type === 'welcome') resolve(message);
          else if (message.type === 'error') {
            refused = message.code === 'unauthorized' || message.code === 'unsupported-version';
            reject(new RingError(message.code, message.message));
          } else reject(new RingError('bad-message', `unexpected ${message.type} in reply to hello`));
        });
        current.send({
          type: 'hello',
          id,
          version: PROTOCOL_VERSION,
          ...(token === undefined ? {} : { token }),
          ...(session === undefined ? {} : { resume: session }),
        });
      });
      abortHello = undefined;
      if (transport !== current) throw new RingError('disconnected', 'closed while connecting');
      welcomed = true;
      attempt = 0;
      session = welcome.session;
      setStatus('connected');
      options.onWelcome(welcome);
      for (const { id, message } of queue.splice(0)) current.send({ ...message, id } as ClientMessage);
    } catch (error) {
      const failure = error instanceof RingError ? error : new RingError('not-connected', error instanceof Error ? error.message : String(error));
      if (transport === current) {
        transport = undefined;
        current.close();
      }
      if (refused) {
        setStatus('disconnected');
        rejectAll('not-connected', failure.message);
        options.onError(failure);
      } else if (status !== 'idle' && status !== 'disconnected') {
        scheduleRetry();
      }
      throw failure;
    }
  }

  return {
    status: () => status,
    connect() {
      if (status === 'connected') return Promise.resolve();
      if (connecting) return connecting;
      if (status === 'reconnecting') {
        // A retry is scheduled: try now instead of waiting for it.
        clearTimeout(retryTimer);
        retryTimer = undefined;
      }
      setStatus(status === 'reconnecting' ? 'reconnecting' : 'connecting');
      connecting = attemptConnection().finally(() => {
        connecting = undefined;
      });
      return connecting;
    },
    request(message, { queue: queueIt = false } = {}) {
      return new Promise<Reply>((resolve, reject) => {
        const callId = 'callId' in message ? message.callId : undefined;
        const settle = (result: Reply | RingError) => {
          if (result instanceof RingError) reject(result);
          else resolve(result);
        };
        const canQueue = queueIt && (status === 'reconnecting' || status === 'connecting');
        if (status !== 'connected' && !canQueue) {
          settle(new RingError('not-connected', 'not connected to the signaling server', { callId }));
          return;
        }
        const id = newId();
        const timer = setTimeout(() => {
          pending.delete(id);
          const index = queue.findIndex((entry) => entry.id === id);
          if (index >= 0) queue.splice(index, 1);
          settle(new RingError('timeout', `no reply to ${message.type}`, { callId }));
        }, options.requestTimeoutMs);
        pending.set(id, { settle, timer, callId });
        if (status === 'connected' && transport) transport.send({ ...message, id } as ClientMessage);
        else queue.push({ id, message });
      });
    },
    close() {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      setStatus('disconnected');
      session = undefined;
      const current = transport;
      transport = undefined;
      current?.close();
      rejectAll('disconnected', 'the client disconnected');
    },
  };
}
