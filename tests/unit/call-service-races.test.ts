/**
 * Races against the call rules, each run 200 times with randomized
 * interleavings: request order and timing are shuffled, and (except glare)
 * devices are spread over one or two services sharing one store, so store
 * operations of different "processes" interleave too. Every run must end in
 * one consistent outcome on every connection.
 */
import { describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../src/protocol/protocol.js';
import { rid } from '../helpers/server-client.js';
import { createHarness, type HarnessClient } from '../helpers/server-harness.js';

const RUNS = 200;

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

async function jitter(): Promise<void> {
  const kind = Math.floor(Math.random() * 4);
  if (kind === 1) await Promise.resolve();
  if (kind === 2) for (let turn = 0; turn < 5; turn += 1) await Promise.resolve();
  if (kind === 3) await new Promise((resolve) => setImmediate(resolve));
}

/** Send requests concurrently, each after its own random delay; resolve with their replies. */
function concurrently(requests: [HarnessClient, ClientMessage][]): Promise<ServerMessage[]> {
  return Promise.all(
    requests.map(async ([client, message]) => {
      await jitter();
      return client.request(message);
    }),
  );
}

function endings(client: HarnessClient, callId: string): string[] {
  return client.endings(callId).map((message) => `${message.reason}/${message.by ?? 'server'}`);
}

/** Every connection shows at most one ending for the call (repeats must agree). */
function expectOneEnding(clients: HarnessClient[], callId: string): void {
  for (const client of clients) expect(new Set(endings(client, callId)).size, `${client.user}: ${endings(client, callId).join(',')}`).toBeLessThanOrEqual(1);
}

function grants(client: HarnessClient): number {
  return client.received.filter((message) => 'livekit' in message && message.livekit !== undefined).length;
}

async function ringing(services: number) {
  const h = createHarness({ services, ringTimeoutMs: 5_000 });
  const node = () => Math.floor(Math.random() * services);
  const alice = await h.connect('alice', { node: node() });
  const phone = await h.connect('bob', { node: node() });
  const laptop = await h.connect('bob', { node: node() });
  await alice.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'video' });
  await phone.next('incoming');
  await laptop.next('incoming');
  return { h, alice, phone, laptop };
}

async function runRaces(body: (run: number) => Promise<string>): Promise<Map<string, number>> {
  const outcomes = new Map<string, number>();
  for (let run = 0; run < RUNS; run += 1) {
    const outcome = await body(run);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  return outcomes;
}

// 200 runs of each race take a few seconds alone and longer on a loaded 2-core machine: a generous bound, not a timing.
describe(`races (${RUNS} runs each)`, { timeout: 60_000 }, () => {
  it('glare: A and B invite each other at once -> one call, connected', async () => {
    let simultaneous = 0;
    const outcomes = await runRaces(async () => {
      const services = pick([1, 2]);
      // Call waiting on (the default) meets at the pair's claim; off, at the callee's claim, or (both created at once) by call id.
      const callWaiting = pick([true, false]);
      const h = createHarness({ services, callWaiting });
      const node = () => Math.floor(Math.random() * services);
      const alice = await h.connect('alice', { node: node() });
      const aliceTab = await h.connect('alice', { node: node() });
      const bob = await h.connect('bob', { node: node() });
      const bobTab = await h.connect('bob', { node: node() });
      const replies = await concurrently([
        [alice, { type: 'invite', id: rid(), callId: 'a-b', to: ['bob'], media: 'video' }],
        [bob, { type: 'invite', id: rid(), callId: 'b-a', to: ['alice'], media: 'video' }],
      ]);
      await h.settle();
      expect(replies.map((reply) => reply.type)).toEqual(['invited', 'invited']);
      const callIds = replies.map((reply) => (reply.type === 'invited' ? reply.call.callId : ''));
      expect(callIds[0]).toBe(callIds[1]);
      const callId = callIds[0] ?? '';
      const call = await h.store.getCall(callId);
      expect(call).toMatchObject({ status: 'active' });
      expect(call?.members.map((member) => member.state)).toEqual(['joined', 'joined']);
      expect(await h.store.getCall(callId === 'a-b' ? 'b-a' : 'a-b')).toBeUndefined();
      expect([await h.store.userCall('alice'), await h.store.userCall('bob')]).toEqual([callId, callId]);
      expect(grants(alice)).toBeGreaterThanOrEqual(1);
      expect(grants(bob)).toBeGreaterThanOrEqual(1);
      expect(grants(aliceTab) + grants(bobTab)).toBe(0);
      for (const client of [alice, bob]) expect(endings(client, callId)).toEqual([]);
      if (!callWaiting && h.lines.some((line) => line.includes('(simultaneous invites)'))) simultaneous += 1;
      h.close();
      return `${callId}${services === 2 && alice.node !== bob.node ? ' across services' : ''}`;
    });
    expect([...outcomes.keys()].sort()).toEqual(['a-b', 'a-b across services', 'b-a', 'b-a across services']);
    expect(simultaneous).toBeGreaterThan(0);
  });

  it('two devices of the callee accept at once -> exactly one wins', async () => {
    const outcomes = await runRaces(async () => {
      const { h, alice, phone, laptop } = await ringing(pick([1, 2]));
      const replies = await concurrently([
        [phone, { type: 'accept', id: rid(), callId: 'c1', media: 'video' }],
        [laptop, { type: 'accept', id: rid(), callId: 'c1', media: 'audio' }],
      ]);
      await h.settle();
      const winner = replies[0]?.type === 'answered' ? phone : laptop;
      const loser = winner === phone ? laptop : phone;
      expect(replies.map((reply) => (reply.type === 'error' ? reply.code : reply.type)).sort()).toEqual(['already-answered', 'answered']);
      expect(grants(winner)).toBe(1);
      expect(grants(loser)).toBe(0);
      expect(endings(loser, 'c1')).toEqual(['answered-elsewhere/bob']);
      expect(endings(winner, 'c1')).toEqual([]);
      expect(alice.received.filter((message) => message.type === 'accepted')).toHaveLength(1);
      expect(await h.store.getCall('c1')).toMatchObject({ status: 'active', members: [{ state: 'joined' }, { state: 'joined', device: winner.device }] });
      h.close();
      return winner === phone ? 'phone' : 'laptop';
    });
    expect(outcomes.size).toBe(2);
  });

  it('accept vs cancel -> either cancelled everywhere or connected everywhere', async () => {
    const outcomes = await runRaces(async () => {
      const { h, alice, phone, laptop } = await ringing(pick([1, 2]));
      const [accept, cancel] = await concurrently([
        [phone, { type: 'accept', id: rid(), callId: 'c1', media: 'video' }],
        [alice, { type: 'cancel', id: rid(), callId: 'c1' }],
      ]);
      await h.settle();
      const call = await h.store.getCall('c1');
      expectOneEnding([alice, phone, laptop], 'c1');
      if (call?.status === 'ended') {
        expect(call.reason).toBe('cancelled');
        expect(cancel).toMatchObject({ type: 'ok' });
        expect(accept).toMatchObject({ type: 'error', code: 'call-ended' });
        for (const client of [alice, phone, laptop]) expect(endings(client, 'c1')[0]).toBe('cancelled/alice');
        expect(alice.received.some((message) => message.type === 'accepted')).toBe(false);
        expect(grants(phone)).toBe(0);
        h.close();
        return 'cancelled';
      }
      expect(call?.status).toBe('active');
      expect(accept).toMatchObject({ type: 'answered' });
      expect(cancel).toMatchObject({ type: 'error', code: 'already-answered' });
      expect(grants(phone)).toBe(1);
      expect(endings(alice, 'c1')).toEqual([]);
      expect(endings(phone, 'c1')).toEqual([]);
      expect(endings(laptop, 'c1')).toEqual(['answered-elsewhere/bob']);
      h.close();
      return 'connected';
    });
    expect(outcomes.size).toBe(2);
  });

  it('reject on one device vs accept on another -> either declined everywhere or connected', async () => {
    const outcomes = await runRaces(async () => {
      const { h, alice, phone, laptop } = await ringing(pick([1, 2]));
      const [reject, accept] = await concurrently([
        [phone, { type: 'reject', id: rid(), callId: 'c1' }],
        [laptop, { type: 'accept', id: rid(), callId: 'c1', media: 'video' }],
      ]);
      await h.settle();
      const call = await h.store.getCall('c1');
      expectOneEnding([alice, phone, laptop], 'c1');
      if (call?.status === 'ended') {
        expect(call.reason).toBe('declined');
        expect(reject).toMatchObject({ type: 'ok' });
        expect(accept).toMatchObject({ type: 'error', code: 'call-ended' });
        expect(endings(alice, 'c1')).toEqual(['declined/bob']);
        expect(endings(phone, 'c1')).toEqual(['declined/bob']);
        expect(endings(laptop, 'c1')[0]).toBe('declined-elsewhere/bob');
        expect(grants(laptop)).toBe(0);
        h.close();
        return 'declined';
      }
      expect(call?.status).toBe('active');
      expect(accept).toMatchObject({ type: 'answered' });
      expect(reject).toMatchObject({ type: 'error', code: 'already-answered' });
      expect(endings(phone, 'c1')).toEqual(['answered-elsewhere/bob']);
      expect(endings(alice, 'c1')).toEqual([]);
      expect(grants(laptop)).toBe(1);
      h.close();
      return 'connected';
    });
    expect(outcomes.size).toBe(2);
  });

  it('hangup from both sides at once -> one completed ending, same on both sides', async () => {
    const outcomes = await runRaces(async () => {
      const { h, alice, phone } = await ringing(pick([1, 2]));
      await phone.request({ type: 'accept', id: rid(), callId: 'c1', media: 'video' });
      const replies = await concurrently([
        [alice, { type: 'hangup', id: rid(), callId: 'c1' }],
        [phone, { type: 'hangup', id: rid(), callId: 'c1' }],
      ]);
      await h.settle();
      expect(replies.map((reply) => reply.type)).toEqual(['ok', 'ok']);
      const [aliceEnd, bobEnd] = [endings(alice, 'c1'), endings(phone, 'c1')];
      expect(aliceEnd).toHaveLength(1);
      expect(bobEnd).toEqual(aliceEnd);
      const call = await h.store.getCall('c1');
      expect(call).toMatchObject({ status: 'ended', reason: 'completed' });
      expect(aliceEnd[0]).toBe(`completed/${call?.endedBy}`);
      expect(await h.store.listHistory('alice', 10)).toHaveLength(1);
      expect(await h.store.listHistory('bob', 10)).toHaveLength(1);
      h.close();
      return call?.endedBy ?? 'server';
    });
    expect(outcomes.size).toBe(2);
  });

  it('ring timeout vs accept -> either no-answer everywhere or connected', async () => {
    const outcomes = await runRaces(async () => {
      const { h, alice, phone, laptop } = await ringing(pick([1, 2]));
      h.clock.advance(4_999);
      const [accept] = await Promise.all([
        (async () => {
          await jitter();
          return phone.request({ type: 'accept', id: rid(), callId: 'c1', media: 'video' });
        })(),
        (async () => {
          await jitter();
          h.clock.advance(1);
        })(),
      ]);
      await h.settle();
      const call = await h.store.getCall('c1');
      expectOneEnding([alice, phone, laptop], 'c1');
      if (call?.status === 'ended') {
        expect(call.reason).toBe('no-answer');
        expect(accept).toMatchObject({ type: 'error', code: 'call-ended' });
        for (const client of [alice, phone, laptop]) expect(endings(client, 'c1')[0]).toBe('no-answer/server');
        expect(await h.store.listHistory('bob', 1)).toMatchObject([{ missed: true }]);
        h.close();
        return 'no-answer';
      }
      expect(call?.status).toBe('active');
      expect(accept).toMatchObject({ type: 'answered' });
      expect(endings(alice, 'c1')).toEqual([]);
      expect(endings(laptop, 'c1')).toEqual(['answered-elsewhere/bob']);
      h.clock.advance(60_000);
      await h.settle();
      expect(await h.store.getCall('c1')).toMatchObject({ status: 'active' });
      h.close();
      return 'connected';
    });
    expect(outcomes.size).toBe(2);
  });
});
