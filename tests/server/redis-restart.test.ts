/**
 * Restart Redis under two running `ringkit-server --redis` processes: while
 * it is away both report unhealthy on `/healthz` and refuse requests with an
 * error (nothing crashes); when it is back they recover by themselves, calls
 * go on from where they were, and no call ends in two states.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/server/stores/redis.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { startCluster, waitUntil, type ServerProcess } from '../helpers/redis-cluster.js';
import { rid } from '../helpers/server-client.js';
import { connectWs, type WsTestClient } from '../helpers/server-ws.js';

const PREFIX = 'restart:';

let redis: TestRedis;
let servers: ServerProcess[] = [];
const clients: WsTestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  servers = await startCluster(2, { redisUrl: redis.url, prefix: PREFIX, ringTimeoutMs: 30_000, graceMs: 5_000, nodeTtlMs: 2_000 });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  await Promise.all(servers.map((server) => server.stop()));
  await redis?.close();
});

async function connect(server: ServerProcess | undefined, user: string): Promise<WsTestClient> {
  if (!server) throw new Error('no such server');
  const client = await connectWs(server, { user });
  clients.push(client);
  return client;
}

/** Each connection saw at most one way a call ended, and it matches the stored call. */
async function expectOneEndingEach(store: RedisStore, callId: string, devices: WsTestClient[]): Promise<void> {
  const call = await store.getCall(callId);
  for (const device of devices) {
    const reasons = new Set(device.endings(callId).map((message) => message.reason));
    expect(reasons.size, `${device.user}: ${[...reasons].join(', ')}`).toBeLessThanOrEqual(1);
    const [reason] = reasons;
    if (reason !== undefined && reason !== 'answered-elsewhere') expect(call?.reason).toBe(reason);
  }
}

describe('restarting Redis under two server processes', () => {
  it('reports unhealthy while Redis is away, recovers, and no call ends in two states', async () => {
    const [p0, p1] = servers as [ServerProcess, ServerProcess];
    expect([await p0.health(), await p1.health()]).toEqual([200, 200]);

    const alice = await connect(p0, 'alice');
    const bob = await connect(p1, 'bob');
    expect(await alice.request({ type: 'invite', id: rid(), callId: 'up', to: ['bob'], media: 'audio' })).toMatchObject({ type: 'invited' });
    await bob.next('incoming');
    expect(await bob.request({ type: 'accept', id: rid(), callId: 'up', media: 'audio' })).toMatchObject({ type: 'answered' });

    const carol = await connect(p1, 'carol');
    const dave = [await connect(p0, 'dave'), await connect(p1, 'dave')];
    expect(await carol.request({ type: 'invite', id: rid(), callId: 'ringing', to: ['dave'], media: 'video' })).toMatchObject({ type: 'invited' });
    await Promise.all(dave.map((device) => device.next('incoming')));

    await redis.stop();
    await waitUntil(async () => (await p0.health()) === 503 && (await p1.health()) === 503, 5_000, 'both report unhealthy');
    const refused = await alice.request({ type: 'hangup', id: rid(), callId: 'up' }, 5_000);
    expect(refused).toMatchObject({ type: 'error', code: 'internal', callId: 'up' });
    expect(await dave[0]?.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
    // Away longer than a heartbeat lives: the heartbeats in the snapshot expire, yet nobody is taken for dead.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect([await p0.health(), await p1.health()]).toEqual([503, 503]);

    await redis.start();
    await waitUntil(async () => (await p0.health()) === 200 && (await p1.health()) === 200, 10_000, 'both healthy again');

    // The call that was up is still up; hanging up now works and ends it once.
    expect(await alice.request({ type: 'hangup', id: rid(), callId: 'up' }, 5_000)).toMatchObject({ type: 'ok' });
    expect(await bob.next('ended', (message) => message.callId === 'up', 5_000)).toMatchObject({ reason: 'completed', by: 'alice' });
    // The call that was ringing still rings: answering it now works, across processes.
    expect(await dave[0]?.request({ type: 'accept', id: rid(), callId: 'ringing', media: 'video' }, 5_000)).toMatchObject({ type: 'answered' });
    await carol.next('accepted', (message) => message.callId === 'ringing', 5_000);
    await dave[1]?.next('ended', (message) => message.callId === 'ringing', 5_000);
    expect(await carol.request({ type: 'hangup', id: rid(), callId: 'ringing' }, 5_000)).toMatchObject({ type: 'ok' });
    await dave[0]?.next('ended', (message) => message.callId === 'ringing', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const store = await createRedisStore({ url: redis.url, prefix: PREFIX });
    try {
      expect(await store.getCall('up')).toMatchObject({ status: 'ended', reason: 'completed' });
      expect(await store.getCall('ringing')).toMatchObject({ status: 'ended', reason: 'completed' });
      await expectOneEndingEach(store, 'up', [alice, bob]);
      await expectOneEndingEach(store, 'ringing', [carol, ...dave]);
      expect(dave[1]?.endings('ringing').map((message) => message.reason)).toEqual(['answered-elsewhere']);
      expect(await store.userCall('alice')).toBeUndefined();
      expect(await store.userCall('dave')).toBeUndefined();
      // Nobody was taken for dead over the outage.
      expect((await redis.admin.smembers(`${PREFIX}nodes`)).sort()).toEqual([p0.node, p1.node].sort());
      expect(p0.output() + p1.output()).not.toContain('stopped beating');
      expect(p0.output()).toContain('Redis connection back');
    } finally {
      await store.close();
    }
  }, 40_000);
});
