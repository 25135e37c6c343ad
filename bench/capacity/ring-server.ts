import { once } from 'node:events';
import { createServer } from 'node:http';
import {
  createRedisCluster,
  createRingServer,
  createServerLogger,
  createServerMetrics,
  type LiveKitOptions,
  type RateLimitOptions,
} from '../../src/server.js';
import type { BenchRedis } from './messages.js';

/** A ringkit signaling server started for a benchmark. */
export interface BenchRingServer {
  /** Where clients connect (add `?user=`: the server runs in dev mode). */
  url: string;
  /** Open TCP connections. */
  connections(): number;
  close(): Promise<void>;
}

/** Options of {@link startRingServerForBench}. */
export interface BenchRingServerOptions {
  /** Mint LiveKit tokens and delete rooms at call end on this server (as in production). */
  livekit?: Pick<LiveKitOptions, 'url' | 'apiKey' | 'apiSecret'>;
  /** Per-connection rate limit (default: the server's own, 20/s with a burst of 40). */
  rateLimit?: RateLimitOptions;
  /** Keep calls and presence on this Redis (shared with other server processes) instead of the memory store. */
  redis?: BenchRedis;
  /** Run with operations on: metrics, JSON logs at info (written to a sink that drops them) and webhooks to this URL. */
  operations?: { webhookUrl: string };
}

/** The server options that turn operations on, with log lines serialized but dropped. */
function operationsOptions(webhookUrl: string) {
  return {
    metrics: createServerMetrics(),
    logger: createServerLogger({ level: 'info', destination: { write: () => undefined } }),
    webhooks: [{ url: webhookUrl, secret: 'bench-webhook-secret' }],
  };
}

/**
 * Starts `createRingServer` on a free loopback port in dev mode (`?user=` names), with an HTTP server
 * of our own so open connections can be counted.
 *
 * @example
 * ```ts
 * const server = await startRingServerForBench({ livekit });
 * await server.close();
 * ```
 */
export async function startRingServerForBench(options: BenchRingServerOptions = {}): Promise<BenchRingServer> {
  const http = createServer((_, response) => response.writeHead(404).end());
  let open = 0;
  http.on('connection', (socket) => {
    open += 1;
    socket.once('close', () => {
      open -= 1;
    });
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cluster = options.redis && (await createRedisCluster(options.redis));
  const server = await createRingServer({
    server: http,
    dev: true,
    ...(options.livekit && { livekit: options.livekit }),
    ...(options.rateLimit && { rateLimit: options.rateLimit }),
    ...(options.operations && operationsOptions(options.operations.webhookUrl)),
    ...cluster?.serverOptions,
  });
  cluster?.attach(server.service);
  return {
    url: `ws://127.0.0.1:${port}/`,
    connections: () => open,
    async close() {
      await server.close();
      await cluster?.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
