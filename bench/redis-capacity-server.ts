/**
 * Redis capacity benchmark worker: one ringkit server process, on a shared
 * Redis (a cluster node) or on the memory store (the baseline), reporting its
 * settled memory and open connections.
 *
 * @packageDocumentation
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createRedisCluster, createRingServer, type RedisCluster } from '../src/server.js';
import { serveRequests, settledMemory } from './lib/child.js';

/** Requests this worker serves. */
export type RedisServerRequest = { cmd: 'start'; redis?: { url: string; prefix: string } } | { cmd: 'memory' };

/** Settled memory of the worker and the connections it holds. */
export interface RedisServerMemory {
  rss: number;
  heapUsed: number;
  connections: number;
}

let open = 0;
let cluster: RedisCluster | undefined;

async function start(redis: { url: string; prefix: string } | undefined): Promise<{ url: string }> {
  const http = createServer((_, response) => response.writeHead(404).end());
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
  cluster = redis ? await createRedisCluster({ url: redis.url, prefix: redis.prefix }) : undefined;
  const server = await createRingServer({ server: http, dev: true, ...cluster?.serverOptions });
  cluster?.attach(server.service);
  return { url: `ws://127.0.0.1:${port}/` };
}

serveRequests(async (raw) => {
  const request = raw as RedisServerRequest;
  if (request.cmd === 'start') return start(request.redis);
  if (request.cmd === 'memory') {
    const { rss, heapUsed } = settledMemory();
    return { rss, heapUsed, connections: open } satisfies RedisServerMemory;
  }
  throw new Error(`unknown request ${JSON.stringify(raw)}`);
});
