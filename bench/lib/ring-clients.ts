import { WebSocket } from 'ws';
import { createRingClient, type RingClient } from '../../src/core.js';
import { createFakeMedia, createFakeMediaHub } from '../../src/testing.js';
import { websocketTransport } from '../../src/core/signaling/websocket.js';

/**
 * Resolves once `done()` holds (checked now and on every change of `client`), or rejects after `timeoutMs`.
 *
 * @example
 * ```ts
 * await until(alice, () => alice.getSnapshot().call?.status === 'ringing', 5_000);
 * ```
 */
export function until(client: RingClient, done: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (done()) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = client.subscribe(() => {
      if (!done()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/**
 * Makes ring clients for Node that talk to `url` over `ws`, as dev users, with fake media without
 * tracks (Node has no WebRTC; these benchmarks measure signaling).
 *
 * @example
 * ```ts
 * const make = nodeRingClients('ws://127.0.0.1:8787/');
 * const alice = make('alice');
 * await alice.connect();
 * ```
 */
export function nodeRingClients(url: string): (user: string) => RingClient {
  const mediaHub = createFakeMediaHub();
  return (user) =>
    createRingClient({
      transport: websocketTransport({ url, user, WebSocket }),
      media: () => createFakeMedia({ user, hub: mediaHub, tracks: false, statsIntervalMs: 0 }),
    });
}
