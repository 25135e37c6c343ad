import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import type { GrantRequest, UnreachableEvent } from '../../src/server/call-service.js';
import { memoryGrant } from '../../src/testing/memory-hub.js';
import { rid } from '../helpers/server-client.js';
import { createHarness, type Harness, type HarnessClient } from '../helpers/server-harness.js';

let h: Harness;
afterEach(() => h?.close());

async function invite(from: HarnessClient, callId: string, to: string[], media: 'audio' | 'video' = 'video') {
  return from.request({ type: 'invite', id: rid(), callId, to, media });
}

async function connected(alice: HarnessClient, bob: HarnessClient, callId = 'c1') {
  await invite(alice, callId, [bob.user]);
  await bob.next('incoming');
  await bob.request({ type: 'accept', id: rid(), callId, media: 'video' });
  await alice.next('accepted');
}

describe('invite: who can ring', () => {
  it('call waiting off: ends at once with busy when the callee is in a call, and tells the busy callee nothing', async () => {
    h = createHarness({ callWaiting: false });
    const [alice, bob, carol] = [await h.connect('alice'), await h.connect('bob'), await h.connect('carol')];
    await connected(alice, bob);
    const reply = await invite(carol, 'c2', ['bob']);
    expect(reply).toMatchObject({ type: 'invited', call: { status: 'ended' } });
    expect('livekit' in reply).toBe(false);
    expect(await carol.next('ended')).toEqual({ type: 'ended', callId: 'c2', version: expect.any(Number), reason: 'busy', by: null });
    await h.settle();
    expect(bob.received.filter((message) => 'callId' in message && message.callId === 'c2')).toEqual([]);
    const history = await bob.request({ type: 'history', id: rid() });
    expect(history).toMatchObject({ entries: [{ callId: 'c2', direction: 'incoming', missed: true, reason: 'busy' }] });
  });

  it('ends with do-not-disturb when the callee set it, and with offline when no device is connected', async () => {
    h = createHarness();
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await bob.request({ type: 'presence', id: rid(), status: 'do-not-disturb' });
    await invite(alice, 'c1', ['bob']);
    expect(await alice.next('ended')).toMatchObject({ callId: 'c1', reason: 'do-not-disturb' });
    expect(bob.pending('incoming')).toEqual([]);
    await invite(alice, 'c2', ['nobody']);
    expect(await alice.next('ended')).toMatchObject({ callId: 'c2', reason: 'offline' });
  });

  it('lets onUnreachable push: the call waits, a device that connects rings, and the push is withdrawn on cancel', async () => {
    const events: UnreachableEvent[] = [];
    h = createHarness({ onUnreachable: (event) => (events.push(event), true) });
    const alice = await h.connect('alice');
    const reply = await alice.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'audio', push: { title: 'Alice', body: 'is calling' } });
    expect(reply).toMatchObject({ type: 'invited', call: { status: 'ringing' } });
    expect(events).toMatchObject([{ user: 'bob', event: 'invite', push: { title: 'Alice', body: 'is calling' }, call: { callId: 'c1' } }]);
    const bob = await h.connect('bob');
    expect(bob.received[0]).toMatchObject({ type: 'welcome', calls: [{ callId: 'c1', status: 'ringing' }] });
    await bob.next('incoming');
    await alice.request({ type: 'cancel', id: rid(), callId: 'c1' });
    expect(await bob.next('ended')).toMatchObject({ reason: 'cancelled', by: 'alice' });
    expect(events.map((event) => event.event)).toEqual(['invite', 'cancelled']);
  });

  it('withdraws the push when a pushed call times out, and a failing hook counts as not pushed', async () => {
    const events: string[] = [];
    h = createHarness({ ringTimeoutMs: 5_000, onUnreachable: ({ event, user }) => {
      events.push(`${event}:${user}`);
      if (user === 'carol') throw new Error('push service down');
      return true;
    } });
    const alice = await h.connect('alice');
    await invite(alice, 'c1', ['bob', 'carol']);
    expect(await alice.next('left')).toEqual({ type: 'left', callId: 'c1', version: expect.any(Number), user: 'carol', reason: 'offline' });
    await h.advance(5_000);
    expect(await alice.next('ended')).toMatchObject({ reason: 'no-answer', by: null });
    expect(events).toEqual(['invite:bob', 'invite:carol', 'cancelled:bob']);
    expect(h.lines.some((line) => line.includes('push service down'))).toBe(true);
  });

  it('refuses calling yourself, a used call id, and calling while in a call', async () => {
    h = createHarness();
    const [alice, bob, carol] = [await h.connect('alice'), await h.connect('bob'), await h.connect('carol')];
    expect(await invite(alice, 'c1', ['alice'])).toMatchObject({ type: 'error', code: 'bad-message' });
    await connected(alice, bob);
    expect(await invite(carol, 'c1', ['dave'])).toMatchObject({ type: 'error', code: 'invalid-state', callId: 'c1' });
    expect(await invite(alice, 'c2', ['carol'])).toMatchObject({ type: 'error', code: 'already-in-call', callId: 'c1' });
  });
});

describe('invite: ring first', () => {
  it("sends incoming to every callee device before it mints the caller's grant and answers invited", async () => {
    const callees: HarnessClient[] = [];
    const rungAtGrant: boolean[] = [];
    h = createHarness({
      grant: (request: GrantRequest) => {
        if (request.user === 'alice') rungAtGrant.push(callees.every((callee) => callee.received.some((message) => message.type === 'incoming')));
        return memoryGrant(request);
      },
    });
    const alice = await h.connect('alice');
    callees.push(await h.connect('bob'), await h.connect('bob'), await h.connect('carol'));
    const reply = await invite(alice, 'c1', ['bob', 'carol']);
    expect(reply).toMatchObject({ type: 'invited', livekit: { identity: `alice#${alice.device}` } });
    expect(rungAtGrant).toEqual([true]);
  });
});

describe('ringing on several devices', () => {
  it('rings every device; an ack moves the caller to ringing once', async () => {
    h = createHarness();
    const [alice, phone, laptop] = [await h.connect('alice'), await h.connect('bob'), await h.connect('bob')];
    await invite(alice, 'c1', ['bob']);
    await phone.next('incoming');
    await laptop.next('incoming');
    await phone.request({ type: 'ack', id: rid(), callId: 'c1' });
    await laptop.request({ type: 'ack', id: rid(), callId: 'c1' });
    expect(await alice.next('ringing')).toEqual({ type: 'ringing', callId: 'c1', version: expect.any(Number), by: 'bob' });
    await h.settle();
    expect(alice.pending('ringing')).toEqual([]);
  });

  it('first accept wins: the other device hears answered-elsewhere', async () => {
    h = createHarness();
    const [alice, phone, laptop] = [await h.connect('alice'), await h.connect('bob'), await h.connect('bob')];
    await invite(alice, 'c1', ['bob']);
    await laptop.next('incoming');
    expect(await laptop.request({ type: 'accept', id: rid(), callId: 'c1', media: 'video' })).toMatchObject({ type: 'answered' });
    expect(await phone.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'answered-elsewhere', by: 'bob' });
    expect(await phone.request({ type: 'accept', id: rid(), callId: 'c1', media: 'video' })).toMatchObject({ type: 'error', code: 'already-answered' });
    expect(await alice.next('accepted')).toMatchObject({ by: 'bob', media: 'video' });
  });

  it('a reject stops every device: declined here, declined-elsewhere there, declined for the caller', async () => {
    h = createHarness();
    const [alice, phone, laptop] = [await h.connect('alice'), await h.connect('bob'), await h.connect('bob')];
    await invite(alice, 'c1', ['bob']);
    await phone.next('incoming');
    await phone.request({ type: 'reject', id: rid(), callId: 'c1' });
    expect(await phone.next('ended')).toMatchObject({ reason: 'declined', by: 'bob' });
    expect(await laptop.next('ended')).toMatchObject({ reason: 'declined-elsewhere', by: 'bob' });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'declined', by: 'bob' });
    expect(await laptop.request({ type: 'accept', id: rid(), callId: 'c1', media: 'audio' })).toMatchObject({ code: 'call-ended' });
    expect(await laptop.next('ended')).toMatchObject({ reason: 'declined-elsewhere' });
    const [aliceHistory, bobHistory] = [await alice.request({ type: 'history', id: rid() }), await phone.request({ type: 'history', id: rid() })];
    expect(aliceHistory).toMatchObject({ entries: [{ direction: 'outgoing', reason: 'declined', missed: false, peers: ['bob'] }] });
    expect(bobHistory).toMatchObject({ entries: [{ direction: 'incoming', reason: 'declined', missed: false, peers: ['alice'] }] });
  });

  it('a device that connects while a call rings gets incoming; a device that resumes gets the call in welcome', async () => {
    h = createHarness();
    const [alice, phone] = [await h.connect('alice'), await h.connect('bob')];
    await invite(alice, 'c1', ['bob']);
    const tablet = await h.connect('bob');
    expect(tablet.received.map((message) => message.type)).toEqual(['welcome', 'incoming']);
    await phone.drop();
    const resumed = await h.connect('bob', { resume: phone.session });
    expect(resumed.received.map((message) => message.type)).toEqual(['welcome']);
    expect(resumed.received[0]).toMatchObject({ resumed: true, device: phone.device, calls: [{ callId: 'c1' }] });
  });
});

describe('cancel, timeout, hangup', () => {
  it('cancel: every callee device hears cancelled; the callee gets a missed call', async () => {
    h = createHarness();
    const [alice, phone, laptop] = [await h.connect('alice'), await h.connect('bob'), await h.connect('bob')];
    await invite(alice, 'c1', ['bob']);
    await alice.request({ type: 'cancel', id: rid(), callId: 'c1' });
    for (const client of [alice, phone, laptop]) expect(await client.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'cancelled', by: 'alice' });
    expect(await phone.request({ type: 'history', id: rid() })).toMatchObject({ entries: [{ missed: true, reason: 'cancelled' }] });
    expect(await phone.request({ type: 'accept', id: rid(), callId: 'c1', media: 'audio' })).toMatchObject({ code: 'call-ended' });
    expect(await phone.next('ended')).toMatchObject({ reason: 'cancelled', by: 'alice' });
  });

  it('cancel after accept loses; only the caller may cancel', async () => {
    h = createHarness();
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await connected(alice, bob);
    expect(await alice.request({ type: 'cancel', id: rid(), callId: 'c1' })).toMatchObject({ code: 'already-answered' });
    expect(await bob.request({ type: 'cancel', id: rid(), callId: 'c1' })).toMatchObject({ code: 'forbidden' });
    expect(await h.store.getCall('c1')).toMatchObject({ status: 'active' });
  });

  it('ring timeout: no-answer for everyone and a missed call for the callee; configurable', async () => {
    h = createHarness({ ringTimeoutMs: 20_000 });
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await invite(alice, 'c1', ['bob']);
    await h.advance(19_999);
    expect(alice.pending('ended')).toEqual([]);
    await h.advance(1);
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'no-answer', by: null });
    expect(await bob.next('ended')).toMatchObject({ reason: 'no-answer' });
    expect(await bob.request({ type: 'history', id: rid() })).toMatchObject({ entries: [{ missed: true, reason: 'no-answer', direction: 'incoming', durationMs: 0 }] });
    expect(h.lines).toContain('call c1 ended no-answer by server');
  });

  it('hangup ends the call as completed for everyone; history has the duration; hanging up again is a no-op', async () => {
    h = createHarness();
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await connected(alice, bob);
    await h.advance(42_000);
    await bob.request({ type: 'hangup', id: rid(), callId: 'c1' });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'completed', by: 'bob' });
    expect(await alice.request({ type: 'hangup', id: rid(), callId: 'c1' })).toMatchObject({ type: 'ok' });
    expect(await alice.request({ type: 'history', id: rid() })).toMatchObject({
      entries: [{ direction: 'outgoing', reason: 'completed', durationMs: 42_000, missed: false, media: 'video' }],
    });
    expect(await invite(alice, 'c2', ['bob'])).toMatchObject({ type: 'invited', call: { status: 'ringing' } });
  });
});

describe('group calls', () => {
  it('rings several callees; each answers for themself; add mid-call; ends when fewer than two remain', async () => {
    h = createHarness({ ringTimeoutMs: 30_000 });
    const [alice, bob, carol, dave] = [await h.connect('alice'), await h.connect('bob'), await h.connect('carol'), await h.connect('dave')];
    await invite(alice, 'g1', ['bob', 'carol']);
    await bob.next('incoming');
    await carol.next('incoming');
    await bob.request({ type: 'accept', id: rid(), callId: 'g1', media: 'video' });
    expect(await carol.next('accepted')).toMatchObject({ by: 'bob' });
    await carol.request({ type: 'accept', id: rid(), callId: 'g1', media: 'audio' });
    expect(await alice.next('accepted', (message) => message.by === 'carol')).toMatchObject({ media: 'audio' });
    expect(await bob.request({ type: 'add', id: rid(), callId: 'g1', to: ['dave'] })).toMatchObject({ type: 'ok' });
    expect((await dave.next('incoming')).call.members.map((member) => member.user)).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(await alice.next('updated')).toMatchObject({ call: { callId: 'g1' } });
    await dave.request({ type: 'reject', id: rid(), callId: 'g1' });
    expect(await alice.next('left')).toEqual({ type: 'left', callId: 'g1', version: expect.any(Number), user: 'dave', reason: 'declined' });
    await bob.request({ type: 'leave', id: rid(), callId: 'g1' });
    expect(await carol.next('left', (message) => message.user === 'bob')).toEqual({ type: 'left', callId: 'g1', version: expect.any(Number), user: 'bob', reason: 'completed' });
    expect(await bob.next('ended')).toMatchObject({ reason: 'completed', by: 'bob' });
    await carol.request({ type: 'leave', id: rid(), callId: 'g1' });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: 'g1', version: expect.any(Number), reason: 'completed', by: 'carol' });
  });

  it('callees who cannot ring leave with their reason while the others ring; unanswered ones time out', async () => {
    h = createHarness({ ringTimeoutMs: 5_000 });
    const [alice, bob, carol] = [await h.connect('alice'), await h.connect('bob'), await h.connect('carol')];
    await carol.request({ type: 'presence', id: rid(), status: 'do-not-disturb' });
    await invite(alice, 'g1', ['bob', 'carol', 'zed']);
    const lefts = [await alice.next('left'), await alice.next('left')];
    expect(lefts.map((message) => [message.user, message.reason])).toEqual([
      ['carol', 'do-not-disturb'],
      ['zed', 'offline'],
    ]);
    await bob.request({ type: 'accept', id: rid(), callId: 'g1', media: 'video' });
    await bob.request({ type: 'add', id: rid(), callId: 'g1', to: ['dave'] });
    await h.advance(5_000);
    await h.settle();
    expect(await h.store.getCall('g1')).toMatchObject({ status: 'active' });
    expect(alice.pending('ended')).toEqual([]);
  });

  it('an added callee who does not answer leaves with no-answer; the call goes on', async () => {
    h = createHarness({ ringTimeoutMs: 5_000 });
    const [alice, bob, carol] = [await h.connect('alice'), await h.connect('bob'), await h.connect('carol')];
    await connected(alice, bob, 'g1');
    await alice.request({ type: 'add', id: rid(), callId: 'g1', to: ['carol'] });
    await carol.next('incoming');
    await h.advance(5_000);
    expect(await bob.next('left')).toEqual({ type: 'left', callId: 'g1', version: expect.any(Number), user: 'carol', reason: 'no-answer' });
    expect(await carol.next('ended')).toMatchObject({ reason: 'no-answer' });
    expect(await h.store.getCall('g1')).toMatchObject({ status: 'active' });
  });
});

describe('glare', () => {
  it('A calls B while B calls A: one call, connected, not two busy', async () => {
    h = createHarness();
    const [alice, alicePhone, bob] = [await h.connect('alice'), await h.connect('alice'), await h.connect('bob')];
    await invite(alice, 'a-to-b', ['bob']);
    await bob.next('incoming');
    const reply = await invite(bob, 'b-to-a', ['alice'], 'audio');
    expect(reply).toMatchObject({ type: 'invited', call: { callId: 'a-to-b', status: 'active' }, livekit: { room: 'a-to-b' } });
    expect(await bob.next('accepted')).toMatchObject({ callId: 'a-to-b', by: 'bob' });
    expect(await alice.next('accepted')).toMatchObject({ callId: 'a-to-b', by: 'bob', media: 'audio' });
    expect(await h.store.getCall('b-to-a')).toBeUndefined();
    expect(alicePhone.received.filter((message) => message.type === 'incoming')).toEqual([]);
  });
});

describe('grace period', () => {
  it('a dropped caller may resume; after the grace period its ringing call ends with connection-lost', async () => {
    h = createHarness({ graceMs: 10_000 });
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await invite(alice, 'c1', ['bob']);
    await alice.drop();
    await h.advance(9_000);
    const back = await h.connect('alice', { resume: alice.session });
    expect(back.received[0]).toMatchObject({ resumed: true, calls: [{ callId: 'c1' }] });
    await back.drop();
    await h.advance(10_000);
    expect(await bob.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'connection-lost', by: 'alice' });
  });

  it('a callee whose only ringing device drops and does not come back goes offline; the call ends at once', async () => {
    h = createHarness({ graceMs: 3_000 });
    const [alice, bobPhone, bobLaptop] = [await h.connect('alice'), await h.connect('bob'), await h.connect('bob')];
    await invite(alice, 'c1', ['bob']);
    await bobPhone.drop();
    await h.advance(3_000);
    // The laptop still rings: nothing ends.
    expect(alice.pending('ended')).toEqual([]);
    await bobLaptop.drop();
    await h.advance(3_000);
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'offline', by: 'bob' });
    expect(await h.store.userCall('alice')).toBeUndefined();
  });

  it('a session of another user cannot be resumed; an unknown session starts fresh', async () => {
    h = createHarness();
    const alice = await h.connect('alice');
    const mallory = await h.connect('mallory', { resume: alice.session });
    expect(mallory.received[0]).toMatchObject({ resumed: false });
    expect(mallory.device).not.toBe(alice.device);
  });
});

describe('hangup with a reason', () => {
  it('a device whose media failed or was lost ends the call with that reason for everyone', async () => {
    for (const reason of ['media-failed', 'connection-lost'] as const) {
      h = createHarness();
      const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
      await connected(alice, bob);
      await bob.request({ type: 'hangup', id: rid(), callId: 'c1', reason });
      expect(await alice.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason, by: 'bob' });
      h.close();
    }
  });
});

describe('in-call relay', () => {
  it('relays media switches as updated and custom messages to the other members only', async () => {
    h = createHarness();
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await connected(alice, bob);
    await bob.request({ type: 'media', id: rid(), callId: 'c1', media: 'audio' });
    const updated = await alice.next('updated');
    expect(updated.call.members.find((member) => member.user === 'bob')).toEqual({ user: 'bob', state: 'joined', media: 'audio' });
    await alice.request({ type: 'message', id: rid(), callId: 'c1', kind: 'reaction', data: { emoji: '🎉' } });
    expect(await bob.next('message')).toEqual({ type: 'message', callId: 'c1', from: 'alice', kind: 'reaction', data: { emoji: '🎉' } });
    expect(alice.pending('message')).toEqual([]);
    expect(bob.pending('updated')).toEqual([]);
  });
});

describe('presence and history', () => {
  it('watchers get a snapshot, dnd changes, offline after the grace period, available when back', async () => {
    h = createHarness({ graceMs: 1_000 });
    const watcher = await h.connect('watcher');
    const bob = await h.connect('bob');
    expect(await watcher.request({ type: 'watch', id: rid(), users: ['bob', 'carol'] })).toMatchObject({ type: 'ok' });
    expect(watcher.pending('presence')).toEqual([
      { type: 'presence', user: 'bob', status: 'available' },
      { type: 'presence', user: 'carol', status: 'offline' },
    ]);
    await watcher.next('presence');
    await watcher.next('presence');
    await bob.request({ type: 'presence', id: rid(), status: 'do-not-disturb' });
    expect(await watcher.next('presence')).toEqual({ type: 'presence', user: 'bob', status: 'do-not-disturb' });
    await bob.drop();
    await h.advance(1_000);
    expect(await watcher.next('presence')).toEqual({ type: 'presence', user: 'bob', status: 'offline' });
    const carol = await h.connect('carol');
    expect(carol.received[0]).toMatchObject({ presence: 'available' });
    expect(await watcher.next('presence')).toEqual({ type: 'presence', user: 'carol', status: 'available' });
  });

  it('keeps the last 100 calls, newest first, and honours limit', async () => {
    h = createHarness();
    const [alice] = [await h.connect('alice')];
    for (let index = 0; index < 105; index += 1) await invite(alice, `c${index}`, ['nobody']);
    const all = await alice.request({ type: 'history', id: rid() });
    expect(all.type === 'history' && all.entries.length).toBe(100);
    expect(all.type === 'history' && all.entries[0]?.callId).toBe('c104');
    const some = await alice.request({ type: 'history', id: rid(), limit: 3 });
    expect(some.type === 'history' && some.entries.map((entry) => entry.callId)).toEqual(['c104', 'c103', 'c102']);
  });
});

describe('authorization', () => {
  it('a ringing callee cannot relay or add; it must answer first', async () => {
    h = createHarness();
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await invite(alice, 'c1', ['bob']);
    expect(await bob.request({ type: 'message', id: rid(), callId: 'c1', kind: 'x', data: 1 })).toMatchObject({ code: 'invalid-state' });
    expect(await bob.request({ type: 'add', id: rid(), callId: 'c1', to: ['carol'] })).toMatchObject({ code: 'invalid-state' });
  });
});

describe('robustness', () => {
  it('answers a store failure with an internal error and keeps serving', async () => {
    h = createHarness();
    const [alice] = [await h.connect('alice')];
    const spy = vi.spyOn(h.store, 'listHistory').mockRejectedValueOnce(new Error('disk on fire'));
    expect(await alice.request({ type: 'history', id: 'h1' })).toMatchObject({ type: 'error', code: 'internal', replyTo: 'h1' });
    spy.mockRestore();
    expect(await alice.request({ type: 'history', id: 'h2' })).toMatchObject({ type: 'history' });
  });

  it('refuses a second hello and asks for hello before anything else', async () => {
    h = createHarness();
    const alice = await h.connect('alice');
    expect(await alice.request({ type: 'hello', id: rid(), version: PROTOCOL_VERSION })).toMatchObject({ code: 'invalid-state' });
  });

  it('serves users spread over two services that share one store', async () => {
    h = createHarness({ services: 2 });
    const alice = await h.connect('alice', { node: 0 });
    const bobPhone = await h.connect('bob', { node: 1 });
    const bobLaptop = await h.connect('bob', { node: 0 });
    await invite(alice, 'c1', ['bob']);
    await bobPhone.next('incoming');
    await bobLaptop.next('incoming');
    await bobPhone.request({ type: 'accept', id: rid(), callId: 'c1', media: 'video' });
    expect(await bobLaptop.next('ended')).toMatchObject({ reason: 'answered-elsewhere' });
    expect(await alice.next('accepted')).toMatchObject({ by: 'bob' });
    await alice.request({ type: 'hangup', id: rid(), callId: 'c1' });
    expect(await bobPhone.next('ended')).toMatchObject({ reason: 'completed', by: 'alice' });
  });
});
