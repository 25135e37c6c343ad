/**
 * The call races against two and three real `ringkit-server --redis`
 * processes sharing one Redis, each user's devices on different processes.
 * Every run must end in one consistent outcome on every connection; at the
 * end nothing is left in Redis but ended calls, history and heartbeats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../src/protocol/protocol.js';
import { createRedisStore, type RedisStore } from '../../src/server/stores/redis.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { startCluster, waitUntil, type ServerProcess } from '../helpers/redis-cluster.js';
import { rid } from '../helpers/server-client.js';
import { connectWs, type WsTestClient } from '../helpers/server-ws.js';

const RUNS = 50;
/** Runs played at once (different users), to keep the suite short. */
const BATCH = 10;
const RING_MS = 5_000;
const GRACE_MS = 1_000;

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.close();
});

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

/** Two different servers, in random order. */
function twoOf(servers: readonly ServerProcess[]): [ServerProcess, ServerProcess] {
  const first = pick(servers);
  return [first, pick(servers.filter((server) => server !== first))];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Send requests at once, each after its own random delay (0-5 ms); resolve with their replies. */
function concurrently(requests: [WsTestClient, ClientMessage][]): Promise<ServerMessage[]> {
  return Promise.all(
    requests.map(async ([client, message]) => {
      await sleep(Math.random() * 5);
      return client.request(message, 5_000);
    }),
  );
}

function endings(client: WsTestClient, callId: string): string[] {
  return client.endings(callId).map((message) => `${message.reason}/${message.by ?? 'server'}`);
}

function grants(client: WsTestClient): number {
  return client.received.filter((message) => 'livekit' in message && message.livekit !== undefined).length;
}

function ended(client: WsTestClient, callId: string): Promise<unknown> {
  return client.next('ended', (message) => message.callId === callId, 5_000);
}

/** Let stray (duplicate) messages arrive before counting. */
const quiet = () => sleep(150);

async function runRaces(runs: number, batch: number, body: (run: number, clients: WsTestClient[]) => Promise<string>): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  for (let start = 0; start < runs; start += batch) {
    const results = await Promise.all(
      Array.from({ length: Math.min(batch, runs - start) }, async (_, offset) => {
        const clients: WsTestClient[] = [];
        try {
          return await body(start + offset, clients);
        } finally {
          await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
        }
      }),
    );
    for (const outcome of results) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  return outcomes;
}

describe.each([2, 3])('%i ringkit-server processes on one Redis', (count) => {
  const prefix = `races${count}:`;
  let servers: ServerProcess[] = [];
  let store: RedisStore;
  let scenario = 0;

  beforeAll(async () => {
    servers = await startCluster(count, { redisUrl: redis.url, prefix, ringTimeoutMs: RING_MS, graceMs: GRACE_MS, nodeTtlMs: 2_000 });
    store = await createRedisStore({ url: redis.url, prefix });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await store?.close();
  });

  /** Alice (anywhere) calls Bob, whose phone and laptop sit on two different processes. */
  async function ringing(run: number, clients: WsTestClient[]) {
    scenario += 1;
    const tag = `${scenario}-${run}`;
    const [phoneServer, laptopServer] = twoOf(servers);
    const alice = await connectWs(pick(servers), { user: `alice-${tag}` });
    clients.push(alice);
    const phone = await connectWs(phoneServer, { user: `bob-${tag}` });
    clients.push(phone);
    const laptop = await connectWs(laptopServer, { user: `bob-${tag}` });
    clients.push(laptop);
    const callId = `c-${tag}`;
    const invited = await alice.request({ type: 'invite', id: rid(), callId, to: [`bob-${tag}`], media: 'video' }, 5_000);
    expect(invited.type).toBe('invited');
    await phone.next('incoming', undefined, 5_000);
    await laptop.next('incoming', undefined, 5_000);
    return { alice, phone, laptop, callId, bob: `bob-${tag}`, aliceUser: `alice-${tag}` };
  }

  it(`glare: A and B invite each other at once -> one call, connected (${RUNS} runs)`, async () => {
    const outcomes = await runRaces(RUNS, BATCH, async (run, clients) => {
      const tag = `g${count}-${run}`;
      const [a1, a2] = twoOf(servers);
      const [b1, b2] = twoOf(servers);
      for (const [server, user] of [[a1, 'alice'], [a2, 'alice'], [b1, 'bob'], [b2, 'bob']] as const) {
        clients.push(await connectWs(server, { user: `${user}-${tag}` }));
      }
      const [alice, aliceTab, bob, bobTab] = clients as [WsTestClient, WsTestClient, WsTestClient, WsTestClient];
      const replies = await concurrently([
        [alice, { type: 'invite', id: rid(), callId: `a-b-${tag}`, to: [`bob-${tag}`], media: 'video' }],
        [bob, { type: 'invite', id: rid(), callId: `b-a-${tag}`, to: [`alice-${tag}`], media: 'video' }],
      ]);
      expect(replies.map((reply) => reply.type)).toEqual(['invited', 'invited']);
      const callIds = replies.map((reply) => (reply.type === 'invited' ? reply.call.callId : ''));
      expect(callIds[0]).toBe(callIds[1]);
      const callId = callIds[0] ?? '';
      await quiet();
      const call = await store.getCall(callId);
      expect(call).toMatchObject({ status: 'active' });
      expect(call?.members.map((member) => member.state)).toEqual(['joined', 'joined']);
      expect(await store.getCall(callId === `a-b-${tag}` ? `b-a-${tag}` : `a-b-${tag}`)).toBeUndefined();
      expect([await store.userCall(`alice-${tag}`), await store.userCall(`bob-${tag}`)]).toEqual([callId, callId]);
      expect(grants(alice)).toBeGreaterThanOrEqual(1);
      expect(grants(bob)).toBeGreaterThanOrEqual(1);
      expect(grants(aliceTab) + grants(bobTab)).toBe(0);
      for (const client of [alice, bob]) expect(endings(client, callId)).toEqual([]);
      await alice.request({ type: 'hangup', id: rid(), callId });
      await ended(bob, callId);
      return callId.startsWith('a-b') ? 'a-b' : 'b-a';
    });
    expect([...outcomes.keys()].sort()).toEqual(['a-b', 'b-a']);
  }, 60_000);

  it(`two devices of the callee accept at once -> exactly one wins (${RUNS} runs)`, async () => {
    const outcomes = await runRaces(RUNS, BATCH, async (run, clients) => {
      const { alice, phone, laptop, callId } = await ringing(run, clients);
      const replies = await concurrently([
        [phone, { type: 'accept', id: rid(), callId, media: 'video' }],
        [laptop, { type: 'accept', id: rid(), callId, media: 'audio' }],
      ]);
      const winner = replies[0]?.type === 'answered' ? phone : laptop;
      const loser = winner === phone ? laptop : phone;
      expect(replies.map((reply) => (reply.type === 'error' ? reply.code : reply.type)).sort()).toEqual(['already-answered', 'answered']);
      await ended(loser, callId);
      await alice.next('accepted', (message) => message.callId === callId, 5_000);
      await quiet();
      expect(grants(winner)).toBe(1);
      expect(grants(loser)).toBe(0);
      expect(endings(loser, callId)).toEqual([`answered-elsewhere/${loser.user}`]);
      expect(endings(winner, callId)).toEqual([]);
      expect(alice.received.filter((message) => message.type === 'accepted')).toHaveLength(1);
      expect(await store.getCall(callId)).toMatchObject({ status: 'active', members: [{ state: 'joined' }, { state: 'joined', device: winner.device }] });
      await alice.request({ type: 'hangup', id: rid(), callId });
      return winner === phone ? 'phone' : 'laptop';
    });
    expect(outcomes.size).toBe(2);
  }, 60_000);

  it(`accept vs cancel -> cancelled everywhere or connected everywhere (${RUNS} runs)`, async () => {
    const outcomes = await runRaces(RUNS, BATCH, async (run, clients) => {
      const { alice, phone, laptop, callId, aliceUser } = await ringing(run, clients);
      const [accept, cancel] = await concurrently([
        [phone, { type: 'accept', id: rid(), callId, media: 'video' }],
        [alice, { type: 'cancel', id: rid(), callId }],
      ]);
      const call = await store.getCall(callId);
      if (call?.status === 'ended') {
        await Promise.all([alice, phone, laptop].map((client) => ended(client, callId)));
        await quiet();
        expect(call.reason).toBe('cancelled');
        expect(cancel).toMatchObject({ type: 'ok' });
        expect(accept).toMatchObject({ type: 'error', code: 'call-ended' });
        for (const client of [alice, phone, laptop]) expect(new Set(endings(client, callId))).toEqual(new Set([`cancelled/${aliceUser}`]));
        expect(alice.received.some((message) => message.type === 'accepted')).toBe(false);
        expect(grants(phone)).toBe(0);
        return 'cancelled';
      }
      await ended(laptop, callId);
      await quiet();
      expect(call?.status).toBe('active');
      expect(accept).toMatchObject({ type: 'answered' });
      expect(cancel).toMatchObject({ type: 'error', code: 'already-answered' });
      expect(grants(phone)).toBe(1);
      expect(endings(alice, callId)).toEqual([]);
      expect(endings(phone, callId)).toEqual([]);
      expect(endings(laptop, callId)).toEqual([`answered-elsewhere/${laptop.user}`]);
      await alice.request({ type: 'hangup', id: rid(), callId });
      return 'connected';
    });
    expect(outcomes.size).toBe(2);
  }, 60_000);

  it(`reject on one device vs accept on another -> declined everywhere or connected (${RUNS} runs)`, async () => {
    const outcomes = await runRaces(RUNS, BATCH, async (run, clients) => {
      const { alice, phone, laptop, callId, bob } = await ringing(run, clients);
      const [reject, accept] = await concurrently([
        [phone, { type: 'reject', id: rid(), callId }],
        [laptop, { type: 'accept', id: rid(), callId, media: 'video' }],
      ]);
      const call = await store.getCall(callId);
      if (call?.status === 'ended') {
        await Promise.all([alice, phone, laptop].map((client) => ended(client, callId)));
        await quiet();
        expect(call.reason).toBe('declined');
        expect(reject).toMatchObject({ type: 'ok' });
        expect(accept).toMatchObject({ type: 'error', code: 'call-ended' });
        expect(endings(alice, callId)).toEqual([`declined/${bob}`]);
        expect(endings(phone, callId)).toEqual([`declined/${bob}`]);
        expect(endings(laptop, callId)[0]).toBe(`declined-elsewhere/${bob}`);
        expect(new Set(endings(laptop, callId)).size).toBe(1);
        expect(grants(laptop)).toBe(0);
        return 'declined';
      }
      await ended(phone, callId);
      await quiet();
      expect(call?.status).toBe('active');
      expect(accept).toMatchObject({ type: 'answered' });
      expect(reject).toMatchObject({ type: 'error', code: 'already-answered' });
      expect(endings(phone, callId)).toEqual([`answered-elsewhere/${bob}`]);
      expect(endings(alice, callId)).toEqual([]);
      expect(grants(laptop)).toBe(1);
      await alice.request({ type: 'hangup', id: rid(), callId });
      return 'connected';
    });
    expect(outcomes.size).toBe(2);
  }, 60_000);

  it(`hangup from both sides at once -> one completed ending, the same on both sides (${RUNS} runs)`, async () => {
    const outcomes = await runRaces(RUNS, BATCH, async (run, clients) => {
      const { alice, phone, callId, aliceUser, bob } = await ringing(run, clients);
      await phone.request({ type: 'accept', id: rid(), callId, media: 'video' });
      const replies = await concurrently([
        [alice, { type: 'hangup', id: rid(), callId }],
        [phone, { type: 'hangup', id: rid(), callId }],
      ]);
      expect(replies.map((reply) => reply.type)).toEqual(['ok', 'ok']);
      await Promise.all([alice, phone].map((client) => ended(client, callId)));
      await quiet();
      const [aliceEnd, bobEnd] = [endings(alice, callId), endings(phone, callId)];
      expect(aliceEnd).toHaveLength(1);
      expect(bobEnd).toEqual(aliceEnd);
      const call = await store.getCall(callId);
      expect(call).toMatchObject({ status: 'ended', reason: 'completed' });
      expect(aliceEnd[0]).toBe(`completed/${call?.endedBy}`);
      expect(await store.listHistory(aliceUser, 10)).toHaveLength(1);
      expect(await store.listHistory(bob, 10)).toHaveLength(1);
      return call?.endedBy === aliceUser ? 'alice' : 'bob';
    });
    expect(outcomes.size).toBe(2);
  }, 60_000);

  it(`ring timeout vs accept -> no-answer everywhere or connected (${RUNS} runs at once)`, async () => {
    const outcomes = await runRaces(RUNS, RUNS, async (run, clients) => {
      const { alice, phone, laptop, callId, bob } = await ringing(run, clients);
      const ringUntil = (await store.getCall(callId))?.members[1]?.ringUntil ?? 0;
      // Around the deadline, later rather than earlier: a loaded machine fires timers late.
      await sleep(Math.max(0, ringUntil - Date.now() + (Math.random() * 600 - 150)));
      const accept = await phone.request({ type: 'accept', id: rid(), callId, media: 'video' }, 5_000);
      const call = await store.getCall(callId);
      if (call?.status === 'ended') {
        await Promise.all([alice, phone, laptop].map((client) => ended(client, callId)));
        await quiet();
        expect(call.reason).toBe('no-answer');
        expect(accept).toMatchObject({ type: 'error', code: 'call-ended' });
        for (const client of [alice, phone, laptop]) expect(new Set(endings(client, callId))).toEqual(new Set(['no-answer/server']));
        expect(await store.listHistory(bob, 1)).toMatchObject([{ missed: true }]);
        return 'no-answer';
      }
      await ended(laptop, callId);
      await sleep(RING_MS / 10);
      expect(call?.status).toBe('active');
      expect(accept).toMatchObject({ type: 'answered' });
      expect(endings(alice, callId)).toEqual([]);
      expect(endings(laptop, callId)).toEqual([`answered-elsewhere/${bob}`]);
      expect(await store.getCall(callId)).toMatchObject({ status: 'active' });
      await alice.request({ type: 'hangup', id: rid(), callId });
      return 'connected';
    });
    expect(outcomes.size).toBe(2);
  }, 60_000);

  it('leaves nothing stuck in Redis once every device is gone', async () => {
    const stuck = async () =>
      (await redis.keys(`${prefix}*`)).filter(
        (key) => !key.startsWith(`${prefix}history:`) && !key.startsWith(`${prefix}call:`) && !/:nodes?:|:nodes$/.test(key),
      );
    await waitUntil(async () => (await stuck()).length === 0, GRACE_MS + 5_000, `stuck keys ${(await stuck()).join(', ')}`);
    for (const key of await redis.keys(`${prefix}call:*`)) {
      expect((await store.getCall(key.slice(`${prefix}call:`.length)))?.status, key).toBe('ended');
      expect(await redis.admin.pttl(key)).toBeGreaterThan(0);
    }
    expect((await redis.admin.smembers(`${prefix}nodes`)).sort()).toEqual(servers.map((server) => server.node).sort());
  }, 15_000);
});
