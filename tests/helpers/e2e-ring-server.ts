import { createRingServer, type RingServer } from '../../src/server/ws-server.js';

/** Where a ringkit server finds its livekit-server. */
export interface LiveKitConfig {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** An in-process ringkit signaling server for one e2e test. */
export interface E2ERingServer {
  readonly port: number;
  /** `ws://127.0.0.1:<port>` */
  readonly url: string;
  /** Its call events, one line each (for failure reports). */
  readonly log: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts the real ringkit server in dev mode (`?user=` sign-in) on a free loopback port,
 * pointed at a livekit-server, with the given ring timeout and grace period.
 *
 * @example
 * ```ts
 * const server = await startE2ERingServer({ livekit, ringTimeoutMs: 5_000, graceMs: 3_000 });
 * ```
 */
export async function startE2ERingServer(options: {
  livekit: LiveKitConfig;
  ringTimeoutMs: number;
  graceMs: number;
  callWaiting?: boolean;
}): Promise<E2ERingServer> {
  const log: string[] = [];
  const server: RingServer = await createRingServer({
    port: 0,
    host: '127.0.0.1',
    dev: true,
    livekit: { url: options.livekit.url, apiKey: options.livekit.apiKey, apiSecret: options.livekit.apiSecret },
    ringTimeoutMs: options.ringTimeoutMs,
    graceMs: options.graceMs,
    ...(options.callWaiting === undefined ? {} : { callWaiting: options.callWaiting }),
    log: (line) => log.push(line),
  });
  return { port: server.port, url: server.url, log, close: () => server.close() };
}
