/**
 * The ring client over the memory hub (the real call rules in-process) with
 * fake media: call flows, errors, presence, history, reconnect and resume.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isRingError } from '../../src/core/errors.js';
import { createFakeMedia } from '../../src/testing/fake-media.js';
import { createManualClock } from '../helpers/server-clock.js';
import { createMemoryWorld, waitForClient, waitForStatus, type MemoryWorld } from '../helpers/client.js';

let world: MemoryWorld;

afterEach(async () => {
  await world.close();
});

async function connected(...users: string[]) {
  const made = users.map((user) => world.client(user));
  await Promise.all(made.map(({ client }) => client.connect()));
  return made;
}

describe('ring client over the memory hub', () => {
  it('connects and is welcomed', async () => {
    world = createMemoryWorld();
    const [alice] = await connected('alice');
    expect(alice?.client.getSnapshot()).toMatchObject({ connection: 'connected', user: 'alice', presence: 'available', call: null });
  });

  it('runs a full call: ring, accept, media, mute, hang up', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    if (!alice || !bob) throw new Error('clients missing');
    const callId = await alice.client.call('bob', { video: true, extra: { topic: 'hi' } });
    expect(alice.client.getSnapshot().call).toMatchObject({ callId, direction: 'outgoing', peers: ['bob'], media: 'video' });

    const ringing = await waitForClient(bob.client, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    expect(ringing.incoming[0]).toMatchObject({ callId, from: 'alice', media: 'video', extra: { topic: 'hi' } });
    await waitForStatus(alice.client, 'ringing');

    await bob.client.accept(callId, { video: false });
    await waitForStatus(bob.client, 'active');
    await waitForStatus(alice.client, 'active');
    expect(bob.client.getSnapshot().incoming).toEqual([]);
    expect(bob.client.getSnapshot().call).toMatchObject({ direction: 'incoming', cameraEnabled: false, micEnabled: true });
    await waitForClient(alice.client, (s) => (s.media?.remotes.length ?? 0) === 1, 3_000, 'alice sees bob');
    expect(alice.client.getSnapshot().media?.remotes[0]?.user).toBe('bob');

    await bob.client.setMicrophoneEnabled(false);
    expect(bob.client.getSnapshot().call?.micEnabled).toBe(false);
    await waitForClient(alice.client, (s) => s.call?.remote.bob?.micEnabled === false, 3_000, 'remote mute');

    await alice.client.hangup();
    const aliceEnded = alice.client.getSnapshot().call;
    expect(aliceEnded).toMatchObject({ status: 'ended', endReason: 'completed', endedBy: 'alice' });
    const bobEnded = await waitForStatus(bob.client, 'ended');
    expect(bobEnded.call).toMatchObject({ endReason: 'completed', endedBy: 'alice' });
    expect(bobEnded.media).toBeNull();
  });

  it('warms up media with the LiveKit URL sent with the ring, before the callee answers', async () => {
    world = createMemoryWorld({ livekitUrl: 'memory://warm-up' });
    const prepared: string[] = [];
    const media = () => {
      const session = createFakeMedia({ hub: world.mediaHub, tracks: false, statsIntervalMs: 0 });
      return { ...session, prepare: async (grant: { url: string }) => void prepared.push(grant.url) };
    };
    const alice = world.client('alice');
    const bob = world.client('bob', { media });
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    await alice.client.call('bob');
    await waitForClient(bob.client, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    for (let tries = 0; tries < 100 && prepared.length === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(prepared).toEqual(['memory://warm-up']);
  });

  it('rejects a second call with a typed already-in-call error unless replace is set', async () => {
    world = createMemoryWorld();
    const [alice] = await connected('alice', 'bob', 'carol');
    if (!alice) throw new Error('client missing');
    await alice.client.call('bob');
    const second = alice.client.call('carol');
    await expect(second).rejects.toSatisfy((error) => isRingError(error, 'already-in-call'));
    expect(alice.client.getSnapshot().error?.code).toBe('already-in-call');
    const replaced = await alice.client.call('carol', { replace: true });
    expect(alice.client.getSnapshot().call?.callId).toBe(replaced);
  });

  it('turns bad input and impossible actions into typed rejections', async () => {
    world = createMemoryWorld();
    const [alice] = await connected('alice', 'bob');
    if (!alice) throw new Error('client missing');
    await expect(alice.client.call('has space')).rejects.toSatisfy((error) => isRingError(error, 'invalid-argument'));
    await expect(alice.client.call([])).rejects.toSatisfy((error) => isRingError(error, 'invalid-argument'));
    await expect(alice.client.call('bob', { extra: { big: 'x'.repeat(5000) } })).rejects.toSatisfy((error) => isRingError(error, 'invalid-argument'));
    await expect(alice.client.hangup()).rejects.toSatisfy((error) => isRingError(error, 'no-call'));
    await alice.client.call('nobody');
    await waitForStatus(alice.client, 'ended');
    await alice.client.call('bob', { replace: true });
    await expect(alice.client.switchMedia('video')).rejects.toSatisfy((error) => isRingError(error, 'invalid-state'));
    await expect(alice.client.leave()).rejects.toSatisfy((error) => isRingError(error, 'invalid-state'));
    await expect(alice.client.accept()).rejects.toSatisfy((error) => isRingError(error, 'no-call'));
  });

  it('records a missed call when the caller cancels, and the ring timer ends unanswered calls', async () => {
    const clock = createManualClock();
    world = createMemoryWorld({ clock, ringTimeoutMs: 10_000 });
    const [alice, bob] = await connected('alice', 'bob');
    if (!alice || !bob) throw new Error('clients missing');
    const missed: string[] = [];
    bob.client.on('missed', (entry) => missed.push(entry.reason));

    await alice.client.call('bob');
    await waitForClient(bob.client, (s) => s.incoming.length === 1);
    await alice.client.cancel();
    const bobAfterCancel = await waitForClient(bob.client, (s) => s.missed.length === 1);
    expect(bobAfterCancel.call).toMatchObject({ status: 'ended', endReason: 'cancelled', endedBy: 'alice' });
    expect(alice.client.getSnapshot().call).toMatchObject({ endReason: 'cancelled', endedBy: 'alice' });

    await alice.client.call('bob');
    await waitForClient(bob.client, (s) => s.incoming.length === 1);
    clock.advance(10_000);
    const aliceEnded = await waitForStatus(alice.client, 'ended');
    expect(aliceEnded.call?.endReason).toBe('no-answer');
    await waitForClient(bob.client, (s) => s.missed.length === 2);
    expect(missed).toEqual(['cancelled', 'no-answer']);
    expect(bob.client.getSnapshot().incoming).toEqual([]);
  });

  it('declines on every device, and answering on one device ends the others', async () => {
    world = createMemoryWorld();
    const [alice, bobPhone, bobLaptop] = await connected('alice', 'bob', 'bob');
    if (!alice || !bobPhone || !bobLaptop) throw new Error('clients missing');
    await alice.client.call('bob');
    await waitForClient(bobLaptop.client, (s) => s.incoming.length === 1);
    await waitForClient(bobPhone.client, (s) => s.incoming.length === 1);
    await bobPhone.client.accept();
    const elsewhere = await waitForClient(bobLaptop.client, (s) => s.incoming.length === 0);
    expect(bobLaptop.client.getSnapshot().missed).toEqual([]);
    expect(elsewhere.call).toMatchObject({ status: 'ended', direction: 'incoming', endReason: 'answered-elsewhere' });
    await waitForStatus(alice.client, 'active');
    await bobPhone.client.hangup();

    await alice.client.call('bob', { replace: true });
    await waitForClient(bobLaptop.client, (s) => s.incoming.length === 1);
    await waitForClient(bobPhone.client, (s) => s.incoming.length === 1);
    await bobLaptop.client.reject();
    const ended = await waitForStatus(alice.client, 'ended');
    expect(ended.call).toMatchObject({ endReason: 'declined', endedBy: 'bob' });
    const declinedElsewhere = await waitForClient(bobPhone.client, (s) => s.incoming.length === 0);
    expect(declinedElsewhere.call).toMatchObject({ status: 'ended', endReason: 'declined-elsewhere' });
    expect(bobLaptop.client.getSnapshot().call).toMatchObject({ status: 'ended', endReason: 'declined', endedBy: 'bob' });
  });

  it('sets presence, watches users, and reads history', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    if (!alice || !bob) throw new Error('clients missing');
    await alice.client.watch(['bob', 'carol']);
    await waitForClient(alice.client, (s) => s.watched.bob === 'available' && s.watched.carol === 'offline');
    await bob.client.setPresence('do-not-disturb');
    expect(bob.client.getSnapshot().presence).toBe('do-not-disturb');
    await waitForClient(alice.client, (s) => s.watched.bob === 'do-not-disturb');

    await alice.client.call('bob');
    const ended = await waitForStatus(alice.client, 'ended');
    expect(ended.call?.endReason).toBe('do-not-disturb');
    const history = await alice.client.history();
    expect(history[0]).toMatchObject({ direction: 'outgoing', peers: ['bob'], reason: 'do-not-disturb' });
    expect(alice.client.getSnapshot().history).toEqual(history);
  });

  it('relays in-call messages and switches media', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    if (!alice || !bob) throw new Error('clients missing');
    const received: unknown[] = [];
    bob.client.on('message', (message) => received.push(message));
    const callId = await alice.client.call('bob');
    await waitForClient(bob.client, (s) => s.incoming.length === 1);
    await bob.client.accept();
    await waitForStatus(alice.client, 'active');
    await alice.client.sendMessage('emoji', { symbol: '👋' });
    await alice.client.switchMedia('video');
    await waitForClient(bob.client, (s) => s.call?.members.find((member) => member.user === 'alice')?.media === 'video');
    expect(bob.client.getSnapshot().call?.media).toBe('audio');
    expect(received).toEqual([{ callId, from: 'alice', kind: 'emoji', data: { symbol: '👋' } }]);
    expect(alice.client.getSnapshot().call).toMatchObject({ media: 'video', cameraEnabled: true });
  });

  it('keeps the call through a dropped connection and resumes the session', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    if (!alice || !bob) throw new Error('clients missing');
    await alice.client.call('bob');
    await waitForClient(bob.client, (s) => s.incoming.length === 1);
    await bob.client.accept();
    await waitForStatus(alice.client, 'active');

    world.hub.drop('alice');
    await waitForClient(alice.client, (s) => s.connection === 'reconnecting');
    await waitForClient(alice.client, (s) => s.connection === 'connected');
    expect(alice.client.getSnapshot().call?.status).toBe('active');
    expect(bob.client.getSnapshot().call?.status).toBe('active');
    await bob.client.hangup();
    const ended = await waitForStatus(alice.client, 'ended');
    expect(ended.call).toMatchObject({ endReason: 'completed', endedBy: 'bob' });
  });

  it('a denied camera is a typed device error and the call goes on audio-only', async () => {
    world = createMemoryWorld();
    const alice = world.client('alice', { fake: { failWith: { code: 'permission-denied', kind: 'videoinput' } } });
    const [bob] = await connected('bob');
    await alice.client.connect();
    if (!bob) throw new Error('client missing');
    await alice.client.call('bob', { video: true });
    await waitForClient(bob.client, (s) => s.incoming.length === 1);
    await bob.client.accept();
    const active = await waitForStatus(alice.client, 'active');
    expect(active.call?.deviceError).toMatchObject({ code: 'permission-denied', kind: 'videoinput' });
    expect(active.call?.cameraEnabled).toBe(false);
    expect(active.call?.micEnabled).toBe(true);
  });

  it('glare: two people calling each other at once end up in one call', async () => {
    world = createMemoryWorld();
    const [alice, bob] = await connected('alice', 'bob');
    if (!alice || !bob) throw new Error('clients missing');
    const [aliceCallId, bobCallId] = await Promise.all([alice.client.call('bob'), bob.client.call('alice')]);
    expect(bobCallId).toBe(aliceCallId);
    await waitForStatus(alice.client, 'active');
    await waitForStatus(bob.client, 'active');
    expect(alice.client.getSnapshot().incoming).toEqual([]);
    expect(bob.client.getSnapshot().incoming).toEqual([]);
    expect(bob.client.getSnapshot().missed).toEqual([]);
  });

  it('group call: add a member mid-call, one leaves, the call goes on', async () => {
    world = createMemoryWorld();
    const [alice, bob, carol] = await connected('alice', 'bob', 'carol');
    if (!alice || !bob || !carol) throw new Error('clients missing');
    await alice.client.call('bob');
    await waitForClient(bob.client, (s) => s.incoming.length === 1);
    await bob.client.accept();
    await waitForStatus(alice.client, 'active');
    await alice.client.add(['carol']);
    await waitForClient(carol.client, (s) => s.incoming.length === 1);
    await carol.client.accept();
    await waitForStatus(carol.client, 'active');
    await waitForClient(alice.client, (s) => s.call?.members.find((m) => m.user === 'carol')?.state === 'joined');
    await bob.client.leave();
    expect(bob.client.getSnapshot().call).toMatchObject({ status: 'ended', endReason: 'completed', endedBy: 'bob' });
    await waitForClient(alice.client, (s) => s.call?.members.find((m) => m.user === 'bob')?.state === 'left');
    expect(alice.client.getSnapshot().call?.status).toBe('active');
    await carol.client.hangup();
    await waitForStatus(alice.client, 'ended');
  });
});
