/**
 * Capacity benchmark worker: runs one signaling server (bare `ws`, or the ringkit server on the memory
 * store or a shared Redis) in its own process, so its resident memory can be read without the load
 * generator in it.
 *
 * @packageDocumentation
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { serveRequests, settledMemory } from '../lib/child.js';
import type { BenchLiveKit, BenchRedis, ServerMemory, ServerRequest, StartedServer } from './messages.js';
import { startRingServerForBench } from './ring-server.js';

let countConnections: () => number = () => 0;

async function startBareServer(): Promise<StartedServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(server, 'listening');
  countConnections = () => server.clients.size;
  const { port } = server.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}/`, protocol: false };
}

async function startRingkit(livekit: BenchLiveKit | undefined, redis: BenchRedis | undefined): Promise<StartedServer> {
  const started = await startRingServerForBench({ ...(livekit && { livekit }), ...(redis && { redis }) });
  countConnections = started.connections;
  return { url: started.url, protocol: true };
}

serveRequests(async (raw) => {
  const request = raw as ServerRequest;
  if (request.cmd === 'start') return request.kind === 'bare-ws' ? startBareServer() : startRingkit(request.livekit, request.redis);
  if (request.cmd === 'memory') return { ...settledMemory(), connections: countConnections() } satisfies ServerMemory;
  throw new Error(`unknown request ${JSON.stringify(raw)}`);
});
