import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** A frame about the size of an `invite`. */
const PAYLOAD = JSON.stringify({
  type: 'invite',
  id: 'r-000001',
  callId: 'c-0123456789abcdef',
  to: ['bob'],
  media: 'video',
  extra: { topic: 'benchmark' },
});

/**
 * Round trips of one frame over a raw `ws` echo server on loopback, in this process, one at a time.
 * The baseline of the ring latency benchmark: the least a message can cost here.
 *
 * @example
 * ```ts
 * const samplesMs = await wsEchoRoundTrips({ count: 300, warmup: 50 });
 * ```
 */
export async function wsEchoRoundTrips({ count, warmup }: { count: number; warmup: number }): Promise<number[]> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  server.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  const { port } = server.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  try {
    await once(client, 'open', { signal: AbortSignal.timeout(5_000) });
    const samples: number[] = [];
    for (let index = 0; index < warmup + count; index += 1) {
      const started = performance.now();
      const echoed = once(client, 'message', { signal: AbortSignal.timeout(5_000) });
      client.send(PAYLOAD);
      await echoed;
      if (index >= warmup) samples.push(performance.now() - started);
    }
    return samples;
  } finally {
    client.terminate();
    for (const socket of server.clients) socket.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
}
