/**
 * The call's media child actor on fake media: what it tells its call machine when its session is made and joins.
 */
import { assign, createActor, sendTo, setup, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { callMediaActor } from '../../src/core/machine/media-actor.js';
import type { CallMediaEvent, MediaCommand } from '../../src/core/machine/types.js';
import { createFakeMedia, createFakeMediaHub } from '../../src/testing.js';
import { grantFor } from '../helpers/client-fixtures.js';

/** A parent that starts the media actor, relays `JOIN` to it and records what it sends back. */
function startParent() {
  const hub = createFakeMediaHub();
  const media = callMediaActor({ factory: () => createFakeMedia({ user: 'alice', hub, tracks: false, statsIntervalMs: 0 }), capture: (own) => own });
  const parent = setup({
    types: { context: {} as { received: CallMediaEvent[] }, events: {} as CallMediaEvent | MediaCommand },
    actors: { media },
  }).createMachine({
    context: { received: [] },
    invoke: { id: 'media', src: 'media', input: { prepare: false } },
    on: {
      JOIN: { actions: sendTo('media', ({ event }) => event) },
      '*': { actions: assign({ received: ({ context, event }) => [...context.received, event as CallMediaEvent] }) },
    },
  });
  return createActor(parent).start();
}

describe('call media actor', () => {
  it('reports its session with its first snapshot in one event, and one MEDIA_CONNECTED per join', async () => {
    const parent = startParent();
    await waitFor(parent, (snapshot) => snapshot.context.received.some((event) => event.type === 'MEDIA_READY'), { timeout: 5_000 });
    const ready = parent.getSnapshot().context.received.filter((event) => event.type === 'MEDIA_READY');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ snapshot: { connection: 'idle' } });

    parent.send({ type: 'JOIN', grant: grantFor('alice'), media: 'audio', capture: {}, mic: true, camera: false });
    await waitFor(parent, (snapshot) => snapshot.context.received.some((event) => event.type === 'MEDIA_CONNECTED'), { timeout: 5_000 });
    // The join's end checks the connection again after the session's own `connected` event (a few microtasks later,
    // fake media joins at once): still one report.
    await new Promise((resolve) => setImmediate(resolve));
    expect(parent.getSnapshot().context.received.filter((event) => event.type === 'MEDIA_CONNECTED')).toHaveLength(1);
    parent.stop();
  });
});
