import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent, CallRatedEvent } from '../../src/server/events/call-event.js';
import { toWebhookEvent } from '../../src/server/webhooks/webhook-payload.js';
import { rid } from '../helpers/server-client.js';
import { createHarness, type Harness, type HarnessClient } from '../helpers/server-harness.js';

let h: Harness;
afterEach(() => h?.close());

async function ring(alice: HarnessClient, callId: string, to: HarnessClient[]) {
  await alice.request({ type: 'invite', id: rid(), callId, to: to.map((callee) => callee.user), media: 'audio' });
  for (const callee of to) await callee.next('incoming');
}

async function talkedAndHungUp(alice: HarnessClient, bob: HarnessClient, callId: string) {
  await ring(alice, callId, [bob]);
  await bob.request({ type: 'accept', id: rid(), callId, media: 'audio' });
  await h.advance(65_000);
  await alice.request({ type: 'hangup', id: rid(), callId });
  await bob.next('ended');
}

describe('reject with a reason', () => {
  it('busy: the caller ends busy, the callee declined it (not missed) on every device', async () => {
    h = createHarness();
    const [alice, phone, laptop] = [await h.connect('alice'), await h.connect('bob'), await h.connect('bob')];
    await ring(alice, 'c1', [phone, laptop]);
    expect(await phone.request({ type: 'reject', id: rid(), callId: 'c1', reason: 'busy' })).toMatchObject({ type: 'ok' });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'busy', by: 'bob' });
    expect(await phone.next('ended')).toMatchObject({ reason: 'busy', by: 'bob' });
    expect(await laptop.next('ended')).toMatchObject({ reason: 'declined-elsewhere' });
    const bobHistory = await phone.request({ type: 'history', id: rid() });
    expect(bobHistory).toMatchObject({ entries: [{ callId: 'c1', reason: 'busy', missed: false }] });
    expect((await alice.request({ type: 'history', id: rid() })) as { entries: unknown[] }).toMatchObject({ entries: [{ reason: 'busy', missed: false }] });
  });

  it("'declined' by name is a plain decline with no detail", async () => {
    h = createHarness();
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await ring(alice, 'c1', [bob]);
    await bob.request({ type: 'reject', id: rid(), callId: 'c1', reason: 'declined' });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'declined', by: 'bob' });
  });

  it('a custom reason ends the call declined, with the text as detail in ended and in both histories', async () => {
    h = createHarness();
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await ring(alice, 'c1', [bob]);
    const words = "In a meeting, I'll call you back 🙂";
    await bob.request({ type: 'reject', id: rid(), callId: 'c1', reason: words });
    expect(await alice.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'declined', by: 'bob', detail: words });
    expect(await bob.next('ended')).toMatchObject({ reason: 'declined', detail: words });
    expect(await alice.request({ type: 'history', id: rid() })).toMatchObject({ entries: [{ reason: 'declined', detail: words, direction: 'outgoing' }] });
    expect(await bob.request({ type: 'history', id: rid() })).toMatchObject({ entries: [{ reason: 'declined', detail: words, missed: false }] });
  });

  it('in a group call the custom reason stays with the decliner; the call goes on and ends later without it', async () => {
    h = createHarness();
    const [alice, bob, carol] = [await h.connect('alice'), await h.connect('bob'), await h.connect('carol')];
    await ring(alice, 'g1', [bob, carol]);
    await bob.request({ type: 'reject', id: rid(), callId: 'g1', reason: 'Driving' });
    expect(await alice.next('left')).toEqual({ type: 'left', callId: 'g1', version: expect.any(Number), user: 'bob', reason: 'declined', detail: 'Driving' });
    expect(await bob.request({ type: 'history', id: rid() })).toMatchObject({ entries: [{ callId: 'g1', detail: 'Driving' }] });
    await carol.request({ type: 'reject', id: rid(), callId: 'g1' });
    const ended = await alice.next('ended');
    expect(ended).toMatchObject({ reason: 'declined', by: 'carol' });
    expect('detail' in ended).toBe(false);
  });

  it("in a group call the others' left carries the decliner's words, the call's members show them, a plain decline carries none", async () => {
    h = createHarness();
    const [alice, bob, carol, dave] = [await h.connect('alice'), await h.connect('bob'), await h.connect('carol'), await h.connect('dave')];
    await ring(alice, 'g1', [bob, carol, dave]);
    await carol.request({ type: 'accept', id: rid(), callId: 'g1', media: 'audio' });
    await bob.request({ type: 'reject', id: rid(), callId: 'g1', reason: 'On a train' });
    const left = { type: 'left', callId: 'g1', version: expect.any(Number), user: 'bob', reason: 'declined', detail: 'On a train' };
    expect(await alice.next('left')).toEqual(left);
    expect(await carol.next('left')).toEqual(left);
    expect(await dave.next('left')).toEqual(left);
    await dave.request({ type: 'reject', id: rid(), callId: 'g1' });
    expect(await alice.next('left', (message) => message.type === 'left' && message.user === 'dave')).toEqual({
      type: 'left',
      callId: 'g1',
      version: expect.any(Number),
      user: 'dave',
      reason: 'declined',
    });
    // A device that connects now learns the same from the call in its welcome.
    const again = await h.connect('alice');
    const welcome = again.received.find((message) => message.type === 'welcome');
    const members = welcome?.type === 'welcome' ? welcome.calls.find((call) => call.callId === 'g1')?.members : undefined;
    expect(members).toEqual([
      { user: 'alice', state: 'joined', media: 'audio' },
      { user: 'bob', state: 'declined', media: 'audio', detail: 'On a train' },
      { user: 'carol', state: 'joined', media: 'audio' },
      { user: 'dave', state: 'declined', media: 'audio' },
    ]);
  });
});

describe('rate', () => {
  it('a member of an ended call rates it: stored in their own history only, reported to onFeedback and as call.rated', async () => {
    const feedback: CallRatedEvent[] = [];
    const events: CallEvent[] = [];
    h = createHarness({ onFeedback: (event) => void feedback.push(event), onEvent: (event) => events.push(event) });
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await talkedAndHungUp(alice, bob, 'c1');
    const reply = await bob.request({ type: 'rate', id: rid(), callId: 'c1', score: 2, issues: ['echo', 'frozen-video'], comment: 'I heard myself' });
    expect(reply).toMatchObject({ type: 'ok' });
    const rating = { score: 2, issues: ['echo', 'frozen-video'], comment: 'I heard myself', ratedAt: h.clock.now() };
    expect(await bob.request({ type: 'history', id: rid() })).toMatchObject({ entries: [{ callId: 'c1', durationMs: 65_000, rating }] });
    const aliceHistory = (await alice.request({ type: 'history', id: rid() })) as { entries: { rating?: unknown }[] };
    expect(aliceHistory.entries[0]?.rating).toBeUndefined();
    expect(feedback).toEqual([{ type: 'call.rated', callId: 'c1', user: 'bob', device: bob.device, rating, entry: expect.objectContaining({ callId: 'c1', rating }) }]);
    expect(events.at(-1)).toEqual(feedback[0]);
    expect(h.lines.at(-1)).toBe('call c1 rated 2 by bob');
    expect(h.lines.join('\n')).not.toContain('I heard myself');
  });

  it('a later rating replaces the earlier one; empty issues and comment are left out', async () => {
    h = createHarness();
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await talkedAndHungUp(alice, bob, 'c1');
    await alice.request({ type: 'rate', id: rid(), callId: 'c1', score: 1, issues: ['dropped'] });
    await alice.request({ type: 'rate', id: rid(), callId: 'c1', score: 5, issues: [], comment: '' });
    const history = (await alice.request({ type: 'history', id: rid() })) as { entries: { rating?: unknown }[] };
    expect(history.entries[0]?.rating).toEqual({ score: 5, ratedAt: h.clock.now() });
  });

  it('refuses with not-found, revealing nothing: a stranger, a call still going on, an unknown call', async () => {
    const feedback: CallRatedEvent[] = [];
    h = createHarness({ onFeedback: (event) => void feedback.push(event) });
    const [alice, bob, eve] = [await h.connect('alice'), await h.connect('bob'), await h.connect('eve')];
    await talkedAndHungUp(alice, bob, 'c1');
    await ring(alice, 'c2', [bob]);
    const answers = [
      await eve.request({ type: 'rate', id: rid(), callId: 'c1', score: 1 }),
      await alice.request({ type: 'rate', id: rid(), callId: 'c2', score: 1 }),
      await bob.request({ type: 'rate', id: rid(), callId: 'c2', score: 1 }),
      await eve.request({ type: 'rate', id: rid(), callId: 'nope', score: 1 }),
    ];
    for (const [index, answer] of answers.entries()) {
      expect(answer).toEqual({ type: 'error', code: 'not-found', message: 'no such call in your history', replyTo: expect.any(String), callId: index === 0 ? 'c1' : index === 3 ? 'nope' : 'c2' });
    }
    expect(feedback).toEqual([]);
  });

  it('a failing onFeedback is logged and the rating still stands', async () => {
    h = createHarness({ onFeedback: () => Promise.reject(new Error('analytics down')) });
    const [alice, bob] = [await h.connect('alice'), await h.connect('bob')];
    await talkedAndHungUp(alice, bob, 'c1');
    expect(await bob.request({ type: 'rate', id: rid(), callId: 'c1', score: 4 })).toMatchObject({ type: 'ok' });
    await h.settle();
    expect(h.lines.some((line) => line.includes('onFeedback for call c1 failed') && line.includes('analytics down'))).toBe(true);
    expect(await bob.request({ type: 'history', id: rid() })).toMatchObject({ entries: [{ rating: { score: 4 } }] });
  });

  it('the call.rated webhook body carries the rating and the rater’s view of the call', () => {
    const event: CallRatedEvent = {
      type: 'call.rated',
      callId: 'c1',
      user: 'bob',
      device: 'd1',
      rating: { score: 3, issues: ['noise'], comment: 'hiss', ratedAt: Date.UTC(2026, 0, 1) },
      entry: { callId: 'c1', direction: 'incoming', peers: ['alice'], media: 'video', missed: false, reason: 'completed', startedAt: 1, answeredAt: 2, endedAt: 3, durationMs: 1 },
    };
    expect(toWebhookEvent(event, 'evt_1', Date.UTC(2026, 0, 1))).toEqual({
      id: 'evt_1',
      type: 'call.rated',
      time: '2026-01-01T00:00:00.000Z',
      data: {
        callId: 'c1',
        user: 'bob',
        device: 'd1',
        score: 3,
        issues: ['noise'],
        comment: 'hiss',
        ratedAt: '2026-01-01T00:00:00.000Z',
        direction: 'incoming',
        peers: ['alice'],
        media: 'video',
        reason: 'completed',
        durationMs: 1,
      },
    });
  });
});
