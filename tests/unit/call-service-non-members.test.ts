import { afterEach, describe, expect, it } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../src/protocol/protocol.js';
import { rid } from '../helpers/server-client.js';
import { createHarness, type Harness, type HarnessClient } from '../helpers/server-harness.js';

let h: Harness;
afterEach(() => h?.close());

/** Every message that names a call, as a non-member would send it. */
function attemptsOn(callId: string): ClientMessage[] {
  return [
    { type: 'ack', id: rid(), callId },
    { type: 'accept', id: rid(), callId, media: 'video' },
    { type: 'accept', id: rid(), callId, media: 'audio' },
    { type: 'reject', id: rid(), callId },
    { type: 'cancel', id: rid(), callId },
    { type: 'hangup', id: rid(), callId },
    { type: 'hangup', id: rid(), callId, reason: 'media-failed' },
    { type: 'leave', id: rid(), callId },
    { type: 'add', id: rid(), callId, to: ['mallory'] },
    { type: 'add', id: rid(), callId, to: ['carol'] },
    { type: 'media', id: rid(), callId, media: 'audio' },
    { type: 'message', id: rid(), callId, kind: 'x', data: { hi: 1 } },
  ];
}

const setups: Record<'ringing' | 'active' | 'ended', (alice: HarnessClient, bob: HarnessClient) => Promise<void>> = {
  async ringing(alice, bob) {
    await alice.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'video', extra: { topic: 'secret' } });
    await bob.next('incoming');
    await bob.request({ type: 'ack', id: rid(), callId: 'c1' });
  },
  async active(alice, bob) {
    await setups.ringing(alice, bob);
    await bob.request({ type: 'accept', id: rid(), callId: 'c1', media: 'video' });
  },
  async ended(alice, bob) {
    await setups.active(alice, bob);
    await alice.request({ type: 'hangup', id: rid(), callId: 'c1' });
  },
};

describe('someone who is not in a call learns nothing about it and changes nothing', () => {
  it.each(['ringing', 'active', 'ended'] as const)('every message about a call that is %s is answered forbidden, and only that', async (state) => {
    h = createHarness();
    const [alice, bob, carol, mallory] = [await h.connect('alice'), await h.connect('bob'), await h.connect('carol'), await h.connect('mallory')];
    await setups[state](alice, bob);
    await h.settle();
    const stored = await h.store.getCall('c1');
    expect(stored?.status).toBe(state);
    const seen = (client: HarnessClient) => client.received.length;
    const before = { alice: seen(alice), bob: seen(bob), carol: seen(carol) };
    const histories = await Promise.all(['alice', 'bob', 'carol', 'mallory'].map((user) => h.store.listHistory(user, 100)));
    const start = mallory.received.length;

    for (const attempt of attemptsOn('c1')) {
      const answer = await mallory.request(attempt);
      expect(answer).toEqual({ type: 'error', code: 'forbidden', message: expect.any(String), replyTo: attempt.id, callId: 'c1' });
    }
    await h.settle();

    const answers: ServerMessage[] = mallory.received.slice(start);
    expect(answers.map((message) => message.type === 'error' && message.code)).toEqual(attemptsOn('c1').map(() => 'forbidden'));
    expect(JSON.stringify(answers)).not.toMatch(/secret|alice|bob|livekit|ended|active|ringing/);
    expect(await h.store.getCall('c1')).toEqual(stored);
    expect(await h.store.userCall('mallory')).toBeUndefined();
    expect(await h.store.userCall('carol')).toBeUndefined();
    expect({ alice: seen(alice), bob: seen(bob), carol: seen(carol) }).toEqual(before);
    expect(await Promise.all(['alice', 'bob', 'carol', 'mallory'].map((user) => h.store.listHistory(user, 100)))).toEqual(histories);
  });

  it('gets the same words for a ringing, an active and an ended call', async () => {
    const words: string[][] = [];
    for (const state of ['ringing', 'active', 'ended'] as const) {
      h = createHarness();
      const [alice, bob, mallory] = [await h.connect('alice'), await h.connect('bob'), await h.connect('mallory')];
      await setups[state](alice, bob);
      const said: string[] = [];
      for (const attempt of attemptsOn('c1')) {
        const answer = await mallory.request(attempt);
        said.push(answer.type === 'error' ? `${answer.code}: ${answer.message}` : answer.type);
      }
      words.push(said);
      h.close();
    }
    expect(words[1]).toEqual(words[0]);
    expect(words[2]).toEqual(words[0]);
  });

  it('an invite with a used call id gets the same refusal from anyone, whatever the call is doing, and changes nothing', async () => {
    const answers: string[] = [];
    for (const state of ['ringing', 'active', 'ended'] as const) {
      h = createHarness();
      const [alice, bob, carol, mallory] = [await h.connect('alice'), await h.connect('bob'), await h.connect('carol'), await h.connect('mallory')];
      await setups[state](alice, bob);
      await h.settle();
      const stored = await h.store.getCall('c1');
      // What each member was told beyond the answers to their own requests.
      const told = (client: HarnessClient) => client.received.filter((message) => !('replyTo' in message)).length;
      const seen = { alice: told(alice), bob: told(bob), carol: told(carol) };
      for (const [who, to] of [[mallory, 'carol'], [mallory, 'alice'], [carol, 'mallory'], [alice, 'carol'], [bob, 'carol']] as const) {
        const answer = await who.request({ type: 'invite', id: rid(), callId: 'c1', to: [to], media: 'audio' });
        answers.push(answer.type === 'error' ? `${answer.code}: ${answer.message} (${answer.callId ?? ''})` : answer.type);
      }
      await h.settle();
      expect(await h.store.getCall('c1')).toEqual(stored);
      expect(await h.store.userCall('mallory')).toBeUndefined();
      expect(await h.store.userCall('carol')).toBeUndefined();
      expect({ alice: told(alice), bob: told(bob), carol: told(carol) }).toEqual(seen);
      h.close();
    }
    expect(new Set(answers)).toEqual(new Set(['invalid-state: this call id is already used (c1)']));
  });

  it('a call that does not exist is not-found', async () => {
    h = createHarness();
    const mallory = await h.connect('mallory');
    expect(await mallory.request({ type: 'accept', id: rid(), callId: 'nope', media: 'video' })).toMatchObject({ code: 'not-found' });
  });
});
