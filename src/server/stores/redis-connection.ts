/**
 * Opening a Redis connection the way the call rules need it: fail fast while
 * Redis is away (no offline queue, no blind resend), reconnect in the background.
 *
 * @packageDocumentation
 */
import { Redis } from 'ioredis';

/** Longest wait for the first connection (ms). */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connect to `url` and wait until Redis is ready.
 *
 * @throws Error when Redis cannot be reached within {@link CONNECT_TIMEOUT_MS}.
 * @example
 * ```ts
 * const client = await connectRedis('redis://127.0.0.1:6379', 'ringkit store', console.log);
 * ```
 */
export async function connectRedis(url: string, name: string, log: (line: string) => void): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 5_000,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1_000),
  });
  watchConnection(client, name, log);
  coalesceWrites(client);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`${name}: cannot connect to Redis at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return client;
}

/**
 * Make the commands issued in one go (before the process waits on anything)
 * leave in one socket write instead of one write each: every new socket of
 * the connection is corked at its first write and uncorked at the end of the
 * tick. Order is unchanged; the rules issue independent commands together,
 * and each `MULTI` block becomes one write.
 *
 * @example
 * ```ts
 * coalesceWrites(client);
 * await client.connect();
 * ```
 */
export function coalesceWrites(client: Redis): void {
  client.on('connect', () => {
    const socket = client.stream;
    const write = socket.write;
    let corked = false;
    const uncork = () => {
      corked = false;
      socket.uncork();
    };
    socket.write = function coalescedWrite(this: typeof socket, ...args: Parameters<typeof write>) {
      if (!corked) {
        corked = true;
        socket.cork();
        process.nextTick(uncork);
      }
      return write.apply(this, args);
    } as typeof write;
  });
}

/**
 * Log a connection's losses and recoveries once each (and keep ioredis from
 * printing unhandled error events).
 *
 * @example
 * ```ts
 * watchConnection(subscriber, 'ringkit deliveries', console.log);
 * ```
 */
export function watchConnection(client: Redis, name: string, log: (line: string) => void): void {
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log(`${name}: Redis connection lost (${error.message}); reconnecting`);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log(`${name}: Redis connection back`);
  });
}

/**
 * The URL without its password, for logs.
 *
 * @example
 * ```ts
 * redactUrl('redis://:secret@host:6379'); // 'redis://:***@host:6379'
 * ```
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
