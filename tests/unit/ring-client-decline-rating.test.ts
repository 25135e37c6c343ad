/**
 * Decline with a reason, ignore and rating through the ring client over the
 * memory hub (the real call rules in-process) with fake media.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isRingError } from '../../src/core/errors.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';

let world: MemoryWorld;
afterEach(async () => {
  await world.close();
});

async function connected(...users: string[]) {
  const made = users.map((user) => world.client(user).client);
  await Promise.all(made.map((client) => client.connect()));
  return made;
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!isRingError(error)) throw new Error(`expected a RingError, got ${String(error)}`);
  return error;
}

describe('reject with a reason', () => {
  it('busy: the caller ends busy, the callee shows busy by them', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    const callId = await alice!.call('bob');
    await waitForClient(bob!, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    await bob!.reject(callId, { reason: 'busy' });
    expect(bob!.getSnapshot().call).toMatchObject({ callId, status: 'ended', endReason: 'busy', endedBy: 'bob' });
    const ended = await waitForStatus(alice!, 'ended');
    expect(ended.call).toMatchObject({ endReason: 'busy', endedBy: 'bob' });
    expect(ended.call?.endDetail).toBeUndefined();
  });

  it('a custom reason reaches the caller as endDetail, and both histories', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    const callId = await alice!.call('bob');
    await waitForClient(bob!, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    await bob!.reject(callId, { reason: "In a meeting, I'll call you back" });
    expect(bob!.getSnapshot().call).toMatchObject({ endReason: 'declined', endDetail: "In a meeting, I'll call you back" });
    const ended = await waitForStatus(alice!, 'ended');
    expect(ended.call).toMatchObject({ endReason: 'declined', endedBy: 'bob', endDetail: "In a meeting, I'll call you back" });
    expect(await alice!.history()).toMatchObject([{ callId, reason: 'declined', detail: "In a meeting, I'll call you back" }]);
  });

  it("in a group call the caller's members show a decliner's words; the call rings on for the others", async () => {
    world = createMemoryWorld();
    const [alice, bob, carol] = await connected('alice', 'bob', 'carol');
    const callId = await alice!.call(['bob', 'carol']);
    await waitForClient(bob!, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    await bob!.reject(callId, { reason: 'On a train' });
    const declined = await waitForClient(alice!, (s) => s.call?.members.some((member) => member.user === 'bob' && member.state === 'declined') === true, 3_000, 'bob declined');
    expect(declined.call?.members.find((member) => member.user === 'bob')).toEqual({ user: 'bob', state: 'declined', media: 'audio', detail: 'On a train' });
    expect(declined.call?.status).not.toBe('ended');
    await waitForClient(carol!, (s) => s.incoming.length === 1, 3_000, 'carol ringing');
    await carol!.reject(callId);
    const ended = await waitForStatus(alice!, 'ended');
    expect(ended.call?.endDetail).toBeUndefined();
  });

  it('refuses a bad reason before sending anything, and the call keeps ringing', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    const callId = await alice!.call('bob');
    await waitForClient(bob!, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    for (const reason of ['', 'x'.repeat(129), 'line\nbreak']) {
      expect(await rejection(bob!.reject(callId, { reason }))).toMatchObject({ code: 'invalid-argument' });
    }
    expect(bob!.getSnapshot().incoming).toHaveLength(1);
    expect(alice!.getSnapshot().call?.status).toBe('ringing');
  });
});

describe('ignore', () => {
  it('stops ringing on this device only: the other device and the caller ring on; it ends here when it ends there', async () => {
    world = createMemoryWorld();
    const alice = world.client('alice').client;
    const phone = world.client('bob').client;
    const laptop = world.client('bob').client;
    await Promise.all([alice.connect(), phone.connect(), laptop.connect()]);
    const callId = await alice.call('bob');
    await waitForClient(phone, (s) => s.incoming.length === 1, 3_000, 'phone ringing');
    await waitForClient(laptop, (s) => s.incoming.length === 1, 3_000, 'laptop ringing');
    await waitForStatus(alice, 'ringing');

    await phone.ignore(callId);
    expect(phone.getSnapshot().incoming).toEqual([]);
    expect(phone.getSnapshot().ignored).toMatchObject([{ callId, from: 'alice' }]);
    expect(laptop.getSnapshot().incoming).toMatchObject([{ callId }]);
    expect(alice.getSnapshot().call?.status).toBe('ringing');
    await phone.ignore(callId);
    expect(phone.getSnapshot().ignored).toHaveLength(1);
    expect(await rejection(phone.ignore('not-ringing'))).toMatchObject({ code: 'no-call' });

    await laptop.reject(callId, { reason: 'Driving' });
    await waitForClient(phone, (s) => s.ignored.length === 0, 3_000, 'ignored call gone');
    expect(phone.getSnapshot().call).toMatchObject({ callId, status: 'ended', endReason: 'declined-elsewhere' });
    expect(await waitForStatus(alice, 'ended')).toMatchObject({ call: { endReason: 'declined', endDetail: 'Driving' } });
  });

  it('an ignored call can still be answered on that device', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    const callId = await alice!.call('bob');
    await waitForClient(bob!, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    await bob!.ignore();
    expect(bob!.getSnapshot().ignored).toHaveLength(1);
    await bob!.accept(callId);
    await waitForStatus(alice!, 'active');
    expect(bob!.getSnapshot().ignored).toEqual([]);
  });

  it('an ignored call that nobody answers is a missed call here', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    const callId = await alice!.call('bob');
    await waitForClient(bob!, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    await bob!.ignore(callId);
    await alice!.cancel();
    const after = await waitForClient(bob!, (s) => s.missed.length === 1, 3_000, 'missed');
    expect(after.missed[0]).toMatchObject({ call: { callId }, reason: 'cancelled' });
    expect(after.ignored).toEqual([]);
  });
});

describe('rateCall', () => {
  it('rates an ended call: stored in this user’s history, shown in the fetched history at once', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    const callId = await alice!.call('bob');
    await waitForClient(bob!, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    await bob!.accept(callId);
    await waitForStatus(alice!, 'active');
    await alice!.hangup();
    await waitForStatus(bob!, 'ended');
    await bob!.history();
    await bob!.rateCall(callId, { score: 2, issues: ['echo', 'choppy-audio'], comment: 'Alice echoed' });
    expect(bob!.getSnapshot().history[0]).toMatchObject({ callId, rating: { score: 2, issues: ['echo', 'choppy-audio'], comment: 'Alice echoed' } });
    const fetched = await bob!.history();
    expect(fetched[0]).toMatchObject({ callId, rating: { score: 2, issues: ['echo', 'choppy-audio'], comment: 'Alice echoed', ratedAt: expect.any(Number) } });
    expect((await alice!.history())[0]?.rating).toBeUndefined();
  });

  it('checks its arguments, and a call that is not in this user’s history is not-found', async () => {
    world = createMemoryWorld();
    const [alice] = await connected('alice');
    const bad = [
      alice!.rateCall('', { score: 3 }),
      alice!.rateCall('c1', { score: 0 }),
      alice!.rateCall('c1', { score: 2.5 }),
      alice!.rateCall('c1', { score: 3, issues: ['bad-vibes' as never] }),
      alice!.rateCall('c1', { score: 3, issues: ['echo', 'echo'] }),
      alice!.rateCall('c1', { score: 3, comment: 'x'.repeat(1001) }),
    ];
    for (const attempt of bad) expect(await rejection(attempt)).toMatchObject({ code: 'invalid-argument' });
    expect(await rejection(alice!.rateCall('someone-elses-call', { score: 5 }))).toMatchObject({ code: 'not-found' });
  });
});
