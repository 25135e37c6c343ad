/**
 * Decline with a reason and call rating on a real server (createRingServer on
 * a real port) over real sockets, with signed webhooks to a real receiver.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CallRatedEvent } from '../../src/server/events/call-event.js';
import { verifyWebhook, type WebhookEvent } from '../../src/server/webhooks/webhook-signature.js';
import { waitUntil } from '../helpers/redis-cluster.js';
import { rid } from '../helpers/server-client.js';
import { connectWs, startTestServer } from '../helpers/server-ws.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'decline-rating-secret';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('decline with a reason and rating, over real sockets', () => {
  it('a custom reason reaches the caller and the call.ended webhook; a rating reaches onFeedback and the call.rated webhook', async () => {
    const hooks = await startWebhookReceiver();
    cleanup.push(() => hooks.close());
    const feedback: CallRatedEvent[] = [];
    const server = await startTestServer({
      webhooks: [{ url: hooks.url, secret: SECRET, events: ['call.ended', 'call.rated'] }],
      onFeedback: (event) => void feedback.push(event),
    });
    cleanup.push(() => server.close());
    const alice = await connectWs(server, { user: 'alice' });
    const bob = await connectWs(server, { user: 'bob' });
    cleanup.push(async () => void (await Promise.all([alice.close(), bob.close()])));

    await alice.request({ type: 'invite', id: rid(), callId: 'd1', to: ['bob'], media: 'audio' });
    await bob.next('incoming');
    expect(await bob.request({ type: 'reject', id: rid(), callId: 'd1', reason: 'Driving, call you in 10' })).toMatchObject({ type: 'ok' });
    expect(await alice.next('ended')).toMatchObject({ callId: 'd1', reason: 'declined', by: 'bob', detail: 'Driving, call you in 10' });

    // Bad reasons are refused with a clear error; the server goes on.
    for (const reason of ['', 'x'.repeat(129), 'two\nlines']) {
      expect(await bob.request({ type: 'reject', id: rid(), callId: 'd1', reason } as never)).toMatchObject({ type: 'error', code: 'bad-message' });
    }

    expect(await alice.request({ type: 'rate', id: rid(), callId: 'd1', score: 3, issues: ['no-audio'], comment: 'never connected' })).toMatchObject({ type: 'ok' });
    expect(await bob.request({ type: 'rate', id: rid(), callId: 'd1', score: 9 } as never)).toMatchObject({ type: 'error', code: 'bad-message' });
    expect(await bob.request({ type: 'rate', id: rid(), callId: 'nope', score: 4 })).toMatchObject({ type: 'error', code: 'not-found' });

    await waitUntil(() => hooks.delivered().length === 2, 5_000, 'two webhooks');
    const events: WebhookEvent[] = hooks.delivered().map((request) => verifyWebhook(request.body, request.headers, SECRET));
    expect(events.map((event) => event.type)).toEqual(['call.ended', 'call.rated']);
    expect(events[0]?.data).toMatchObject({ callId: 'd1', reason: 'declined', detail: 'Driving, call you in 10', by: 'bob' });
    expect(events[1]?.data).toMatchObject({ callId: 'd1', user: 'alice', device: alice.device, score: 3, issues: ['no-audio'], comment: 'never connected', direction: 'outgoing', reason: 'declined' });
    expect(feedback).toMatchObject([{ callId: 'd1', user: 'alice', rating: { score: 3 }, entry: { detail: 'Driving, call you in 10' } }]);
  }, 20_000);
});
