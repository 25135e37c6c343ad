import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/server-harness.js';
import { rid } from '../helpers/server-client.js';

let h: Harness;
afterEach(() => h?.close());

describe('call service: 1:1 basics', () => {
  it('rings, acks, accepts, and hangs up', async () => {
    h = createHarness();
    const alice = await h.connect('alice');
    const bob = await h.connect('bob');
    const invited = await alice.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'video' });
    expect(invited).toMatchObject({ type: 'invited', call: { callId: 'c1', room: 'c1', status: 'ringing' }, livekit: { room: 'c1', identity: `alice#${alice.device}` } });
    const incoming = await bob.next('incoming');
    expect(incoming.call.from).toBe('alice');
    expect(await bob.request({ type: 'ack', id: rid(), callId: 'c1' })).toMatchObject({ type: 'ok' });
    expect(await alice.next('ringing')).toEqual({ type: 'ringing', callId: 'c1', version: expect.any(Number), by: 'bob' });
    expect(await bob.request({ type: 'accept', id: rid(), callId: 'c1', media: 'audio' })).toMatchObject({
      type: 'answered',
      call: { callId: 'c1', status: 'active', members: [{ user: 'alice' }, { user: 'bob', state: 'joined', media: 'audio' }] },
      livekit: { identity: `bob#${bob.device}` },
    });
    expect(await alice.next('accepted')).toEqual({ type: 'accepted', callId: 'c1', version: expect.any(Number), by: 'bob', media: 'audio' });
    expect(bob.received.some((message) => message.type === 'accepted')).toBe(false);
    await h.advance(5_000);
    expect(await alice.request({ type: 'hangup', id: rid(), callId: 'c1' })).toMatchObject({ type: 'ok' });
    expect(await bob.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'completed', by: 'alice' });
    expect(await alice.next('ended')).toMatchObject({ reason: 'completed' });
    const history = await bob.request({ type: 'history', id: rid() });
    expect(history).toMatchObject({ type: 'history', entries: [{ callId: 'c1', direction: 'incoming', peers: ['alice'], missed: false, reason: 'completed', durationMs: 5_000, media: 'audio' }] });
  });
});
