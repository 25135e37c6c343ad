/**
 * Kill one of three `ringkit-server --redis` processes (SIGKILL) while calls
 * ring and while calls are up: the survivors notice it stopped beating,
 * its devices get their grace period, calls end correctly or go on on the
 * other devices, the ring timer it set fires once elsewhere, and nothing is
 * left stuck in Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisStore } from '../../src/server/stores/redis.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { startCluster, waitUntil, type ServerProcess } from '../helpers/redis-cluster.js';
import { rid } from '../helpers/server-client.js';
import { connectWs, type WsTestClient } from '../helpers/server-ws.js';

const PREFIX = 'kill:';
const RING_MS = 5_000;
const GRACE_MS = 3_000;
const NODE_TTL_MS = 1_500;

let redis: TestRedis;
let servers: ServerProcess[] = [];
let store: RedisStore;
const clients: WsTestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  servers = await startCluster(3, { redisUrl: redis.url, prefix: PREFIX, ringTimeoutMs: RING_MS, graceMs: GRACE_MS, nodeTtlMs: NODE_TTL_MS });
  store = await createRedisStore({ url: redis.url, prefix: PREFIX });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  await Promise.all(servers.map((server) => server.stop()));
  await store?.close();
  await redis?.close();
});

async function connect(server: ServerProcess | undefined, user: string, resume?: string): Promise<WsTestClient> {
  if (!server) throw new Error('no such server');
  const client = await connectWs(server, { user, ...(resume ? { resume } : {}) });
  clients.push(client);
  return client;
}

function endings(client: WsTestClient, callId: string): string[] {
  return client.endings(callId).map((message) => `${message.reason}/${message.by ?? 'server'}`);
}

async function invite(caller: WsTestClient, callId: string, callee: string, devices: WsTestClient[]): Promise<void> {
  const reply = await caller.request({ type: 'invite', id: rid(), callId, to: [callee], media: 'audio' }, 5_000);
  expect(reply.type).toBe('invited');
  await Promise.all(devices.map((device) => device.next('incoming', undefined, 5_000)));
}

async function accept(device: WsTestClient, callId: string): Promise<void> {
  expect(await device.request({ type: 'accept', id: rid(), callId, media: 'audio' }, 5_000)).toMatchObject({ type: 'answered' });
}

describe('killing one of three server processes', () => {
  it('ends or continues every call correctly, fires its ring timer once elsewhere, and leaves nothing stuck', async () => {
    const [victim, p1, p2] = servers as [ServerProcess, ServerProcess, ServerProcess];

    // 1. Ringing; the caller and its ring timer live on the victim; the caller resumes on a survivor.
    const alice1 = await connect(victim, 'alice1');
    const bob1 = [await connect(p1, 'bob1'), await connect(p2, 'bob1')];
    await invite(alice1, 'ring-timer', 'bob1', bob1);
    // 2. Ringing; one callee device on the victim: the other device answers.
    const alice2 = await connect(p1, 'alice2');
    const bob2 = [await connect(victim, 'bob2'), await connect(p2, 'bob2')];
    await invite(alice2, 'ring-on', 'bob2', bob2);
    // 3. Up; the answering device is on the victim: connection-lost after the grace period.
    const alice3 = await connect(p1, 'alice3');
    const bob3 = [await connect(victim, 'bob3'), await connect(p2, 'bob3')];
    await invite(alice3, 'callee-lost', 'bob3', bob3);
    await accept(bob3[0] as WsTestClient, 'callee-lost');
    // 4. Up; the caller is on the victim.
    const alice4 = await connect(victim, 'alice4');
    const bob4 = await connect(p1, 'bob4');
    await invite(alice4, 'caller-lost', 'bob4', [bob4]);
    await accept(bob4, 'caller-lost');
    // 5. Up; only a device that did not answer is on the victim: the call goes on.
    const alice5 = await connect(p1, 'alice5');
    const bob5 = [await connect(victim, 'bob5'), await connect(p2, 'bob5')];
    await invite(alice5, 'goes-on', 'bob5', bob5);
    await accept(bob5[1] as WsTestClient, 'goes-on');

    await victim.kill();
    const killedAt = Date.now();
    const alice1Again = await connect(p1, 'alice1', alice1.session);
    expect(alice1Again.received.find((message) => message.type === 'welcome')).toMatchObject({ resumed: true });

    await accept(bob2[1] as WsTestClient, 'ring-on');
    await alice2.next('accepted', (message) => message.callId === 'ring-on', 5_000);

    const lostWithin = NODE_TTL_MS + GRACE_MS + 3_000;
    const callerLost = await alice3.next('ended', (message) => message.callId === 'callee-lost', lostWithin);
    expect(callerLost).toMatchObject({ reason: 'connection-lost', by: 'bob3' });
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(GRACE_MS);
    expect(await bob4.next('ended', (message) => message.callId === 'caller-lost', 5_000)).toMatchObject({ reason: 'connection-lost', by: 'alice4' });

    // The ring timer the victim set fired once, on a survivor (the call was still ringing).
    for (const device of [alice1Again, ...bob1]) await device.next('ended', (message) => message.callId === 'ring-timer', 5_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const device of [alice1Again, ...bob1]) expect(endings(device, 'ring-timer')).toEqual(['no-answer/server']);
    expect(await store.getCall('ring-timer')).toMatchObject({ status: 'ended', reason: 'no-answer' });
    expect(await store.listHistory('bob1', 10)).toMatchObject([{ callId: 'ring-timer', missed: true }]);

    // The calls that did not depend on the victim go on, then end normally.
    expect(await store.getCall('ring-on')).toMatchObject({ status: 'active' });
    expect(await store.getCall('goes-on')).toMatchObject({ status: 'active' });
    for (const [caller, callee, callId] of [
      [alice2, bob2[1], 'ring-on'],
      [alice5, bob5[1], 'goes-on'],
    ] as const) {
      expect(await caller.request({ type: 'hangup', id: rid(), callId })).toMatchObject({ type: 'ok' });
      expect(await callee?.next('ended', (message) => message.callId === callId, 5_000)).toMatchObject({ reason: 'completed' });
      expect(endings(caller, callId)).toEqual([`completed/${caller.user}`]);
    }
    expect(endings(bob3[1] as WsTestClient, 'callee-lost')).toEqual(['answered-elsewhere/bob3']);
    expect(endings(alice3, 'callee-lost')).toEqual(['connection-lost/bob3']);

    expect(p1.output() + p2.output()).toContain(`node ${victim.node} stopped beating`);

    // Everyone leaves: after their grace period nothing but ended calls, history and the survivors' heartbeats remain.
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    const stuck = async () =>
      (await redis.keys(`${PREFIX}*`)).filter(
        (key) => !key.startsWith(`${PREFIX}history:`) && !key.startsWith(`${PREFIX}call:`) && !key.startsWith(`${PREFIX}node:`) && key !== `${PREFIX}nodes`,
      );
    await waitUntil(async () => (await stuck()).length === 0, GRACE_MS + 5_000, 'keys left in Redis');
    for (const key of await redis.keys(`${PREFIX}call:*`)) {
      expect((await store.getCall(key.slice(`${PREFIX}call:`.length)))?.status, key).toBe('ended');
    }
    expect((await redis.admin.smembers(`${PREFIX}nodes`)).sort()).toEqual([p1.node, p2.node].sort());
    expect(await redis.admin.exists(`${PREFIX}node:${victim.node}`)).toBe(0);
  }, 40_000);
});
