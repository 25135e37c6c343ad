/**
 * Call waiting and hold, rule by rule, from every side, with two devices per
 * user: on one service with the memory store, and on two services sharing a
 * real Redis (devices spread over both, as two processes would have them).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/protocol/protocol.js';
import type { CallServiceOptions } from '../../src/server/call-service.js';
import type { CallEvent } from '../../src/server/events/call-event.js';
import { createRedisStore, type RedisStore } from '../../src/server/stores/redis.js';
import { rid } from '../helpers/server-client.js';
import { createHarness, type Harness, type HarnessClient } from '../helpers/server-harness.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';

let redis: TestRedis;
let redisStore: RedisStore;
beforeAll(async () => {
  redis = await startRedis();
  redisStore = await createRedisStore({ url: redis.url, prefix: 'waiting-rules:' });
}, 30_000);
afterAll(async () => {
  await redisStore?.close();
  await redis?.close();
});

let h: Harness;
afterEach(() => h?.close());

/** A user's two devices (the second on the other service when there are two). */
interface User {
  phone: HarnessClient;
  laptop: HarnessClient;
}

let counter = 0;

const worlds = [
  { name: 'memory store, one service', services: 1, redis: false },
  { name: 'Redis store, two services', services: 2, redis: true },
] as const;

describe.each(worlds)('call waiting and hold ($name)', (world) => {
  let events: CallEvent[];

  function start(options: Partial<CallServiceOptions> = {}): void {
    events = [];
    h = createHarness({
      services: world.services,
      ringTimeoutMs: 5_000,
      onEvent: (event) => events.push(event),
      ...(world.redis ? { store: redisStore } : {}),
      ...options,
    });
  }

  /** A fresh user name with two connected devices. */
  async function user(base: string): Promise<User & { name: string }> {
    counter += 1;
    const name = `${base}${counter}`;
    const phone = await h.connect(name, { node: 0 });
    const laptop = await h.connect(name, { node: world.services - 1 });
    return { name, phone, laptop };
  }

  /** `from` calls `to`; `to` answers on the phone. */
  async function connected(from: User & { name: string }, to: User & { name: string }, callId: string): Promise<void> {
    await from.phone.request({ type: 'invite', id: rid(), callId, to: [to.name], media: 'video' });
    await to.phone.next('incoming', (message) => message.call.callId === callId);
    expect(await to.phone.request({ type: 'accept', id: rid(), callId, media: 'video' })).toMatchObject({ type: 'answered' });
    await from.phone.next('accepted', (message) => message.callId === callId);
  }

  function about(client: HarnessClient, callId: string, type: ServerMessage['type']): ServerMessage[] {
    return client.received.filter((message) => message.type === type && 'callId' in message && message.callId === callId);
  }

  function heldBy(client: HarnessClient, callId: string, type: 'held' | 'resumed'): string[] {
    return about(client, callId, type).map((message) => ('by' in message ? String(message.by) : ''));
  }

  it('rings a user in a call on every device with incoming.waiting; two calls ring side by side; the callers hear ringing', async () => {
    start();
    const [alice, bob, carol, dave] = [await user('alice'), await user('bob'), await user('carol'), await user('dave')];
    await connected(alice, bob, 'w1');
    const reply = await carol.phone.request({ type: 'invite', id: rid(), callId: 'w2', to: [bob.name], media: 'audio' });
    expect(reply).toMatchObject({ type: 'invited', call: { status: 'ringing' } });
    for (const device of [bob.phone, bob.laptop]) expect(await device.next('incoming', (m) => m.call.callId === 'w2')).toMatchObject({ waiting: true });
    await dave.phone.request({ type: 'invite', id: rid(), callId: 'w3', to: [bob.name], media: 'audio' });
    for (const device of [bob.phone, bob.laptop]) expect(await device.next('incoming', (m) => m.call.callId === 'w3')).toMatchObject({ waiting: true });
    await bob.laptop.request({ type: 'ack', id: rid(), callId: 'w2' });
    expect(await carol.phone.next('ringing')).toMatchObject({ callId: 'w2', by: bob.name });
    const calls = await h.store.listUserCalls(bob.name);
    expect(calls.sort()).toEqual(['w1', 'w2', 'w3']);
    // A user who is only rung is not in a call: their calls ring without waiting.
    const [erin, frank, gina] = [await user('erin'), await user('frank'), await user('gina')];
    await erin.phone.request({ type: 'invite', id: rid(), callId: 'w4', to: [frank.name], media: 'audio' });
    await gina.laptop.request({ type: 'invite', id: rid(), callId: 'w5', to: [frank.name], media: 'audio' });
    expect(await frank.phone.next('incoming', (m) => m.call.callId === 'w4')).not.toHaveProperty('waiting');
    expect(await frank.laptop.next('incoming', (m) => m.call.callId === 'w5')).not.toHaveProperty('waiting');
  });

  it('accept while in a call: refused without active; end-and-accept ends the old call for its other side and connects the new one', async () => {
    start();
    const [alice, bob, carol] = [await user('alice'), await user('bob'), await user('carol')];
    await connected(alice, bob, 'e1');
    await carol.phone.request({ type: 'invite', id: rid(), callId: 'e2', to: [bob.name], media: 'video' });
    await bob.laptop.next('incoming', (m) => m.call.callId === 'e2');
    expect(await bob.laptop.request({ type: 'accept', id: rid(), callId: 'e2', media: 'video' })).toMatchObject({ type: 'error', code: 'already-in-call', callId: 'e2' });
    expect(await h.store.getCall('e1')).toMatchObject({ status: 'active' });
    expect(await h.store.getCall('e2')).toMatchObject({ status: 'ringing' });
    const answered = await bob.laptop.request({ type: 'accept', id: rid(), callId: 'e2', media: 'video', active: 'end' });
    expect(answered).toMatchObject({ type: 'answered', call: { callId: 'e2', status: 'active' } });
    expect(await alice.phone.next('ended', (m) => m.callId === 'e1')).toMatchObject({ reason: 'completed', by: bob.name });
    expect(await bob.phone.next('ended', (m) => m.callId === 'e1')).toMatchObject({ reason: 'completed' });
    expect(await bob.phone.next('ended', (m) => m.callId === 'e2')).toMatchObject({ reason: 'answered-elsewhere' });
    expect(await carol.phone.next('accepted', (m) => m.callId === 'e2')).toMatchObject({ by: bob.name });
    expect(await h.store.userCall(bob.name)).toBe('e2');
    await h.settle();
    expect(about(alice.laptop, 'e1', 'ended')).toEqual([]);
    expect(about(carol.laptop, 'e2', 'held')).toEqual([]);
  });

  it('hold-and-accept holds the old call for everyone in it (every device), resume swaps back, ending the active call leaves the held one held', async () => {
    start();
    const [alice, bob, carol] = [await user('alice'), await user('bob'), await user('carol')];
    await connected(alice, bob, 'h1');
    await carol.phone.request({ type: 'invite', id: rid(), callId: 'h2', to: [bob.name], media: 'video' });
    await bob.phone.next('incoming', (m) => m.call.callId === 'h2');
    expect(await bob.phone.request({ type: 'accept', id: rid(), callId: 'h2', media: 'video', active: 'hold' })).toMatchObject({ type: 'answered' });
    for (const device of [alice.phone, alice.laptop, bob.phone, bob.laptop]) {
      expect(await device.next('held', (m) => m.callId === 'h1')).toMatchObject({ by: bob.name });
    }
    expect(await h.store.getCall('h1')).toMatchObject({ status: 'active', heldBy: [bob.name] });
    expect(await h.store.userCall(bob.name)).toBe('h2');
    // Alice, held, is still in her call: accepting another one needs a choice.
    expect(await h.store.userCall(alice.name)).toBe('h1');

    expect(await bob.laptop.request({ type: 'resume', id: rid(), callId: 'h1' })).toMatchObject({ type: 'ok' });
    for (const device of [carol.phone, carol.laptop]) expect(await device.next('held', (m) => m.callId === 'h2')).toMatchObject({ by: bob.name });
    for (const device of [alice.phone, alice.laptop]) expect(await device.next('resumed', (m) => m.callId === 'h1')).toMatchObject({ by: bob.name });
    const order = bob.laptop.received.filter((m) => m.type === 'held' || m.type === 'resumed').map((m) => `${m.type}:${'callId' in m ? m.callId : ''}`);
    expect(order).toEqual(['held:h1', 'held:h2', 'resumed:h1']);
    expect(await h.store.userCall(bob.name)).toBe('h1');

    await alice.phone.request({ type: 'hangup', id: rid(), callId: 'h1' });
    expect(await bob.phone.next('ended', (m) => m.callId === 'h1')).toMatchObject({ reason: 'completed', by: alice.name });
    expect(await h.store.getCall('h2')).toMatchObject({ status: 'active', heldBy: [bob.name] });
    expect(await bob.phone.request({ type: 'resume', id: rid(), callId: 'h2' })).toMatchObject({ type: 'ok' });
    expect(await carol.laptop.next('resumed', (m) => m.callId === 'h2')).toMatchObject({ by: bob.name });
    expect((await h.store.getCall('h2'))?.heldBy).toBeUndefined();
    await h.settle();
    expect(events.flatMap((event) => (event.type === 'call.held' || event.type === 'call.resumed' ? [`${event.type}:${event.call.callId}`] : []))).toEqual([
      'call.held:h1',
      'call.held:h2',
      'call.resumed:h1',
      'call.resumed:h2',
    ]);
  });

  it('declining a waiting call: the caller hears busy, the callee misses it; ring-out is no-answer; the active call goes on', async () => {
    start();
    const [alice, bob, carol, dave] = [await user('alice'), await user('bob'), await user('carol'), await user('dave')];
    await connected(alice, bob, 'd1');
    await carol.phone.request({ type: 'invite', id: rid(), callId: 'd2', to: [bob.name], media: 'audio' });
    await bob.laptop.next('incoming', (m) => m.call.callId === 'd2');
    expect(await bob.laptop.request({ type: 'reject', id: rid(), callId: 'd2' })).toMatchObject({ type: 'ok' });
    expect(await carol.phone.next('ended', (m) => m.callId === 'd2')).toMatchObject({ reason: 'busy', by: bob.name });
    expect(await bob.phone.next('ended', (m) => m.callId === 'd2')).toMatchObject({ reason: 'declined-elsewhere' });
    await dave.phone.request({ type: 'invite', id: rid(), callId: 'd3', to: [bob.name], media: 'audio' });
    await bob.phone.next('incoming', (m) => m.call.callId === 'd3');
    await h.advance(5_000);
    expect(await dave.phone.next('ended', (m) => m.callId === 'd3')).toMatchObject({ reason: 'no-answer', by: null });
    const history = await bob.phone.request({ type: 'history', id: rid() });
    expect(history).toMatchObject({
      entries: [
        { callId: 'd3', missed: true, reason: 'no-answer' },
        { callId: 'd2', missed: true, reason: 'busy' },
      ],
    });
    expect(await h.store.getCall('d1')).toMatchObject({ status: 'active' });
    expect(about(alice.phone, 'd1', 'ended')).toEqual([]);
  });

  it('hold and resume: strangers and unknown calls learn nothing, a ringing member cannot, an ended call is ended, repeats are no-ops', async () => {
    start();
    const [alice, bob, carol, mallory] = [await user('alice'), await user('bob'), await user('carol'), await user('mallory')];
    await connected(alice, bob, 'r1');
    for (const type of ['hold', 'resume'] as const) {
      expect(await mallory.phone.request({ type, id: rid(), callId: 'r1' })).toMatchObject({ type: 'error', code: 'forbidden', callId: 'r1' });
      expect(await mallory.phone.request({ type, id: rid(), callId: 'nope' })).toMatchObject({ type: 'error', code: 'not-found' });
    }
    await carol.phone.request({ type: 'invite', id: rid(), callId: 'r3', to: [alice.name], media: 'audio' });
    await alice.phone.next('incoming', (m) => m.call.callId === 'r3');
    expect(await alice.phone.request({ type: 'hold', id: rid(), callId: 'r3' })).toMatchObject({ code: 'invalid-state' });
    expect(await carol.phone.request({ type: 'hold', id: rid(), callId: 'r3' })).toMatchObject({ code: 'invalid-state' });
    expect(await bob.phone.request({ type: 'hold', id: rid(), callId: 'r1' })).toMatchObject({ type: 'ok' });
    expect(await bob.laptop.request({ type: 'hold', id: rid(), callId: 'r1' })).toMatchObject({ type: 'ok' });
    expect(await alice.phone.request({ type: 'resume', id: rid(), callId: 'r1' })).toMatchObject({ type: 'ok' });
    await h.settle();
    expect(heldBy(alice.laptop, 'r1', 'held')).toEqual([bob.name]);
    expect(heldBy(alice.laptop, 'r1', 'resumed')).toEqual([]);
    expect(mallory.phone.received.filter((m) => 'callId' in m && m.callId === 'r1' && m.type !== 'error')).toEqual([]);
    await alice.phone.request({ type: 'hangup', id: rid(), callId: 'r1' });
    expect(await bob.phone.request({ type: 'resume', id: rid(), callId: 'r1' })).toMatchObject({ code: 'call-ended' });
  });

  it('hold from both members: held until both resume; a held call is listed on a new device, whose ringing calls ring with waiting', async () => {
    start();
    const [alice, bob, carol] = [await user('alice'), await user('bob'), await user('carol')];
    await connected(alice, bob, 'b1');
    await Promise.all([
      alice.phone.request({ type: 'hold', id: rid(), callId: 'b1' }),
      bob.phone.request({ type: 'hold', id: rid(), callId: 'b1' }),
    ]);
    expect([...((await h.store.getCall('b1'))?.heldBy ?? [])].sort()).toEqual([alice.name, bob.name].sort());
    await bob.phone.request({ type: 'resume', id: rid(), callId: 'b1' });
    expect((await h.store.getCall('b1'))?.heldBy).toEqual([alice.name]);
    await carol.phone.request({ type: 'invite', id: rid(), callId: 'b2', to: [bob.name], media: 'audio' });
    const tablet = await h.connect(bob.name, { node: 0 });
    const welcome = tablet.received.find((message) => message.type === 'welcome');
    expect(welcome && 'calls' in welcome ? welcome.calls.map((call) => [call.callId, call.heldBy ?? []]) : []).toEqual([
      ['b1', [alice.name]],
      ['b2', []],
    ]);
    expect(await tablet.next('incoming', (m) => m.call.callId === 'b2')).toMatchObject({ waiting: true });
  });

  it('call waiting off: a user in a call, or being rung, is busy at once and hears nothing', async () => {
    start({ callWaiting: false });
    const [alice, bob, carol, dave] = [await user('alice'), await user('bob'), await user('carol'), await user('dave')];
    await connected(alice, bob, 'o1');
    await carol.phone.request({ type: 'invite', id: rid(), callId: 'o2', to: [bob.name], media: 'audio' });
    expect(await carol.phone.next('ended', (m) => m.callId === 'o2')).toMatchObject({ reason: 'busy', by: null });
    await carol.phone.request({ type: 'invite', id: rid(), callId: 'o3', to: [dave.name], media: 'audio' });
    await dave.phone.next('incoming');
    await alice.laptop.request({ type: 'hangup', id: rid(), callId: 'o1' });
    await bob.phone.request({ type: 'invite', id: rid(), callId: 'o4', to: [dave.name], media: 'audio' });
    expect(await bob.phone.next('ended', (m) => m.callId === 'o4')).toMatchObject({ reason: 'busy' });
    await h.settle();
    expect(about(bob.laptop, 'o2', 'incoming')).toEqual([]);
    expect(about(dave.laptop, 'o4', 'incoming')).toEqual([]);
  });

  it('a group call: hold and resume reach every device of every joined member, not the ones still ringing', async () => {
    start();
    const [alice, bob, carol, dave] = [await user('alice'), await user('bob'), await user('carol'), await user('dave')];
    await alice.phone.request({ type: 'invite', id: rid(), callId: 'g1', to: [bob.name, carol.name, dave.name], media: 'audio' });
    for (const member of [bob, carol]) {
      await member.phone.next('incoming');
      await member.phone.request({ type: 'accept', id: rid(), callId: 'g1', media: 'audio' });
    }
    await dave.phone.next('incoming');
    expect(await carol.laptop.request({ type: 'hold', id: rid(), callId: 'g1' })).toMatchObject({ type: 'ok' });
    for (const device of [alice.phone, alice.laptop, bob.phone, bob.laptop, carol.phone, carol.laptop]) {
      expect(await device.next('held', (m) => m.callId === 'g1')).toMatchObject({ by: carol.name });
    }
    await carol.phone.request({ type: 'leave', id: rid(), callId: 'g1' });
    expect((await h.store.getCall('g1'))?.heldBy).toBeUndefined();
    await h.settle();
    expect(about(dave.phone, 'g1', 'held')).toEqual([]);
  });
});
