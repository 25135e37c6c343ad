/**
 * Glare with real ring clients, watched per device: A calls B while B calls
 * A (0-2 ms apart), on two `ringkit-server --redis` processes (each user's
 * ring client on one, a second raw device on the other) and on one process
 * (the in-process hub, the same rules). Per device, no message about a call
 * arrives after one of a newer version (replies aside), no device rings for
 * a call it is in, no client's call state moves back, and both sides end up
 * active with their media in the call's room.
 */
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userOfIdentity } from '../../src/core/media/inputs.js';
import type { RingClient } from '../../src/core/ring-client.js';
import type { TransportFactory } from '../../src/core/signaling/transport.js';
import { websocketTransport } from '../../src/core/signaling/websocket.js';
import { createFakeMediaHub } from '../../src/testing/fake-media.js';
import { createMemoryHub, type MemoryHub } from '../../src/testing/memory-hub.js';
import { createTestClient, waitForClient } from '../helpers/client.js';
import { watchDevice, type DeviceWatch } from '../helpers/glare-watch.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { startCluster, type ServerProcess } from '../helpers/redis-cluster.js';
import { connectWs, type WsTestClient } from '../helpers/server-ws.js';

const mediaHub = createFakeMediaHub();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where one run's devices connect. */
interface World {
  /** The ring client transport of `user` on place `side` (0 or 1). */
  transport(user: string, side: number): TransportFactory;
  /** A second, raw device of `user` on place `side`, or none. */
  tab(user: string, side: number): Promise<WsTestClient | undefined>;
}

/** One glare run: both ring clients call each other, end in one active call, hang up. */
async function glareRun(world: World, tag: string): Promise<string[]> {
  const users = [`alice-${tag}`, `bob-${tag}`] as const;
  const sides = Math.random() < 0.5 ? [0, 1] : [1, 0];
  const watches: DeviceWatch[] = [];
  const tabWatches: DeviceWatch[] = [];
  const clients: RingClient[] = [];
  const tabs: WsTestClient[] = [];
  const stops: (() => void)[] = [];
  try {
    for (const [index, user] of users.entries()) {
      const watch = watchDevice(user);
      const { client } = createTestClient(watch.transport(world.transport(user, sides[index] ?? 0)), mediaHub, { timeouts: { connectMs: 20_000 }, requestTimeoutMs: 10_000 });
      stops.push(watch.follow(client));
      watches.push(watch);
      clients.push(client);
      const tab = await world.tab(user, 1 - (sides[index] ?? 0));
      if (tab) {
        tabs.push(tab);
        tabWatches.push(watchDevice(`${user} (tab)`));
      }
    }
    await Promise.all(clients.map((client) => client.connect()));
    const [alice, bob] = clients as [RingClient, RingClient];
    // `call()` settles once the call connects or ends; the watch is on what the devices show meanwhile.
    for (const [client, to] of [[alice, users[1]], [bob, users[0]]] as const) {
      void sleep(Math.random() * 2).then(() => client.call(to, { video: true }).catch(() => undefined));
    }
    // Both sides in the one call, its media connected: each device's fake session is in the call's room.
    const joined = (client: RingClient) => waitForClient(client, (s) => s.call?.status === 'active', 20_000, `${tag} active`);
    const [a, b] = await Promise.all([joined(alice), joined(bob)]);
    expect(a.call?.callId).toBe(b.call?.callId);
    const room = a.call?.callId ?? '';
    expect(mediaHub.identities(room).map(userOfIdentity).sort(), `${tag} media room`).toEqual([...users].sort());
    await alice.hangup();
    await waitForClient(bob, (s) => s.call?.status === 'ended', 20_000, `${tag} ended`);
    await sleep(50);
    // The raw tabs' messages are checked as they were received, in order.
    for (const [index, tab] of tabs.entries()) for (const message of tab.received) tabWatches[index]?.receive(message);
    return [...watches, ...tabWatches].flatMap((watch) => watch.violations);
  } finally {
    for (const stop of stops) stop();
    await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
    for (const tab of tabs) tab.close();
  }
}

/** `runs` glare runs, `batch` at a time; every violation of every device. */
async function glareRuns(world: World, runs: number, batch: number, prefix: string): Promise<string[]> {
  const violations: string[] = [];
  for (let start = 0; start < runs; start += batch) {
    const results = await Promise.all(Array.from({ length: Math.min(batch, runs - start) }, (_, index) => glareRun(world, `${prefix}${start + index}`)));
    violations.push(...results.flat());
  }
  return violations;
}

describe('glare across two processes on Redis', () => {
  let redis: TestRedis;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    // LiveKit keys so invites and answers carry grants (fake media joins by the grant's room; nothing answers at the url).
    const livekit = ['--livekit-url', 'ws://127.0.0.1:9', '--livekit-api-key', 'key', '--livekit-api-secret', 'a-livekit-secret-long-enough-000000'];
    servers = await startCluster(2, { redisUrl: redis.url, prefix: 'glare-versions:', ringTimeoutMs: 10_000, graceMs: 1_000, nodeTtlMs: 2_000, args: livekit });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.kill()));
    await redis?.close();
  });

  it('300 randomized runs: versions only grow per device, nobody rings for their own call, no call state goes back', async () => {
    const world: World = {
      transport: (user, side) => websocketTransport({ url: (servers[side] as ServerProcess).url, user, WebSocket }),
      tab: (user, side) => connectWs(servers[side] as ServerProcess, { user }),
    };
    const violations = await glareRuns(world, 300, 10, 'r');
    expect(violations).toEqual([]);
  }, 240_000);
});

describe('glare on one process', () => {
  let hub: MemoryHub;
  beforeAll(() => {
    hub = createMemoryHub({ ringTimeoutMs: 10_000 });
  });
  afterAll(() => hub.close());

  it('1,000 randomized runs: the same promises', async () => {
    const world: World = { transport: (user) => hub.transport(user), tab: async () => undefined };
    const violations = await glareRuns(world, 1_000, 50, 'm');
    expect(violations).toEqual([]);
  }, 240_000);
});
