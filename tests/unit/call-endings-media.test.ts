/**
 * Every way a call ends, at several moments of the media join (fake media that takes a while to
 * join, over the memory hub): the media child actor is stopped with the call and its cleanup
 * (leaving the session) runs exactly once per session; no statistics interval survives the call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RingClient } from '../../src/core/ring-client.js';
import { liveMediaIntervals } from '../../src/core/media/live-intervals.js';
import { createFakeMedia, type FakeMediaSession } from '../../src/testing/fake-media.js';
import { createManualClock } from '../helpers/server-clock.js';
import { createMemoryWorld, waitForClient, type MemoryWorld } from '../helpers/client.js';

const JOIN_DELAY_MS = 30;
const RING_TIMEOUT_MS = 60_000;
/** ms after the ring starts (before, during and after the caller's media join), or once the caller's media connected. */
const MOMENTS = [0, 10, 60, 'media-connected'] as const;
const ENDINGS = ['decline', 'cancel', 'hangup', 'no-answer'] as const;
const REASONS: Record<(typeof ENDINGS)[number], readonly string[]> = {
  decline: ['declined'],
  cancel: ['cancelled'],
  hangup: ['completed', 'cancelled'],
  'no-answer': ['no-answer'],
};

let world: MemoryWorld;

afterEach(async () => {
  await world.close();
});

/** A client whose media sessions count how often they are left. */
function countingClient(user: string) {
  const sessions: Array<{ session: FakeMediaSession; leaves: number }> = [];
  const errors: string[] = [];
  const { client } = world.client(user, {
    media: () => {
      const session = createFakeMedia({ hub: world.mediaHub, tracks: false, statsIntervalMs: 5, joinDelayMs: JOIN_DELAY_MS });
      const entry = { session, leaves: 0 };
      sessions.push(entry);
      return {
        ...session,
        leave: () => {
          entry.leaves += 1;
          return session.leave();
        },
      };
    },
  });
  client.on('error', (error) => errors.push(`${error.code}: ${error.message}`));
  return { client, sessions, errors };
}

function later(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Run `end` at the moment: `ms` after now, or once the caller's media connected. */
async function at(moment: (typeof MOMENTS)[number], caller: RingClient, end: () => Promise<unknown> | void): Promise<void> {
  if (moment === 'media-connected') await waitForClient(caller, (s) => s.media?.connection === 'connected', 3_000, 'caller media');
  else await later(moment);
  await end();
}

describe.each(ENDINGS)('%s', (ending) => {
  it.each(MOMENTS)('at %s ms after the ring starts: media stopped once, no interval left', async (moment) => {
    const clock = createManualClock();
    world = createMemoryWorld({ clock, ringTimeoutMs: RING_TIMEOUT_MS });
    const alice = countingClient('alice');
    const bob = countingClient('bob');
    await Promise.all([alice.client.connect(), bob.client.connect()]);
    void alice.client.call('bob', { video: true }).catch(() => undefined);
    await waitForClient(bob.client, (s) => s.incoming.length === 1, 3_000, 'bob ringing');
    switch (ending) {
      case 'decline':
        await at(moment, alice.client, () => bob.client.reject());
        break;
      case 'cancel':
        await at(moment, alice.client, () => alice.client.cancel());
        break;
      case 'hangup':
        await bob.client.accept();
        await at(moment, alice.client, () => alice.client.hangup());
        break;
      case 'no-answer':
        await at(moment, alice.client, () => clock.advance(RING_TIMEOUT_MS));
        break;
    }
    const ended = await waitForClient(alice.client, (s) => s.call?.status === 'ended', 3_000, 'alice ended');
    // A hang-up before the answer reached the caller is a cancel.
    expect(REASONS[ending]).toContain(ended.call?.endReason);
    await waitForClient(bob.client, (s) => s.call?.status === 'ended' && s.incoming.length === 0, 3_000, 'bob ended');
    // A session made or joined after the end is left as soon as it exists: wait past the join.
    await later(JOIN_DELAY_MS * 2);
    for (const side of [alice, bob]) {
      expect(side.sessions.length).toBeGreaterThan(0);
      expect(side.sessions.map((entry) => entry.leaves)).toEqual(side.sessions.map(() => 1));
      for (const { session } of side.sessions) expect(['idle', 'disconnected']).toContain(session.getSnapshot().connection);
      expect(side.client.getSnapshot().media).toBeNull();
      expect(side.errors).toEqual([]);
    }
    expect(liveMediaIntervals()).toBe(0);
  });
});
