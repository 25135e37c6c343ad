/**
 * Graceful shutdown of a real server (createRingServer on a real port):
 * clients are told to reconnect elsewhere, new connections are refused,
 * queued webhooks are delivered before it resolves (within the deadline).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SHUTDOWN_CLOSE_CODE } from '../../src/server/shutdown.js';
import { verifyWebhook } from '../../src/server/webhooks/webhook-signature.js';
import { rid } from '../helpers/server-client.js';
import { bounded, connectWs, startTestServer } from '../helpers/server-ws.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'shutdown-secret';
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('graceful shutdown', () => {
  it('closes sockets with 1012, refuses new connections, and delivers the webhooks still being retried', async () => {
    let attempts = 0;
    receiver = await startWebhookReceiver(() => (++attempts <= 3 ? 503 : 200));
    const server = await startTestServer({
      webhooks: [{ url: receiver.url, secret: SECRET, events: ['call.invited', 'call.ended'] }],
      webhookRetry: { firstDelayMs: 50, maxDelayMs: 200 },
    });
    const alice = await connectWs(server, { user: 'alice' });
    const bob = await connectWs(server, { user: 'bob' });
    await alice.request({ type: 'invite', id: rid(), callId: 's1', to: ['bob'], media: 'audio' });
    await bob.next('incoming');
    await alice.request({ type: 'cancel', id: rid(), callId: 's1' });

    await bounded(server.shutdown({ deadlineMs: 5_000 }), 8_000);
    expect((await bounded(alice.closed)).code).toBe(SHUTDOWN_CLOSE_CODE);
    expect((await bounded(bob.closed)).code).toBe(SHUTDOWN_CLOSE_CODE);
    expect(receiver.delivered().map((request) => verifyWebhook(request.body, request.headers, SECRET).type)).toEqual(['call.invited', 'call.ended']);
    expect(attempts).toBe(5);
    const late = await connectWs(server, { user: 'carol', hello: false });
    expect(late.socket.readyState).not.toBe(late.socket.OPEN);
  }, 15_000);

  it('gives up on webhooks at the deadline when the receiver hangs', async () => {
    receiver = await startWebhookReceiver(() => 'hang');
    const server = await startTestServer({ webhooks: [{ url: receiver.url, secret: SECRET }] });
    const alice = await connectWs(server, { user: 'alice' });
    await alice.request({ type: 'invite', id: rid(), callId: 's2', to: ['nobody'], media: 'audio' });
    await bounded(server.shutdown({ deadlineMs: 300 }), 5_000);
    expect((await bounded(alice.closed)).code).toBe(SHUTDOWN_CLOSE_CODE);
    expect(receiver.delivered()).toEqual([]);
  }, 10_000);
});
