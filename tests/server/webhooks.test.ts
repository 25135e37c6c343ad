/**
 * Signed webhooks from a real server (createRingServer on a real port) to a
 * real HTTP receiver on 127.0.0.1, after scripted calls over real sockets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/protocol/protocol.js';
import type { CallRecord } from '../../src/server/call-record.js';
import { silentLog } from '../../src/server/logging/server-log.js';
import { createWebhookSender } from '../../src/server/webhooks/webhook-sender.js';
import type { RingServer } from '../../src/server/ws-server.js';
import { verifyWebhook, WEBHOOK_HEADERS, type WebhookEvent } from '../../src/server/webhooks/webhook-signature.js';
import { rid } from '../helpers/server-client.js';
import { connectWs, startTestServer, type WsTestClient } from '../helpers/server-ws.js';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { waitUntil } from '../helpers/redis-cluster.js';

const SECRET = 'webhook-test-secret';
const FAST_RETRY = { firstDelayMs: 20, maxDelayMs: 100, giveUpAfterMs: 10_000 };

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serverWith(receiver: WebhookReceiver | undefined): Promise<RingServer> {
  const server = await startTestServer(receiver ? { webhooks: [{ url: receiver.url, secret: SECRET }], webhookRetry: FAST_RETRY } : {});
  cleanup.push(() => server.close());
  return server;
}

async function receiver(respond?: Parameters<typeof startWebhookReceiver>[0]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(respond);
  cleanup.push(() => started.close());
  return started;
}

function events(requests: readonly ReceivedWebhook[]): WebhookEvent[] {
  return requests.map((request) => verifyWebhook(request.body, request.headers, SECRET));
}

/** Alice calls bob, bob's device rings and answers, alice hangs up; then alice calls carol, who is offline. */
async function scriptedCalls(server: RingServer): Promise<{ alice: WsTestClient; bob: WsTestClient }> {
  const alice = await connectWs(server, { user: 'alice' });
  const bob = await connectWs(server, { user: 'bob' });
  await alice.request({ type: 'invite', id: rid(), callId: 'w1', to: ['bob'], media: 'video', extra: { note: 'secret-payload' } });
  await bob.next('incoming');
  await bob.request({ type: 'ack', id: rid(), callId: 'w1' });
  await bob.request({ type: 'accept', id: rid(), callId: 'w1', media: 'video' });
  await alice.request({ type: 'hangup', id: rid(), callId: 'w1' });
  await bob.next('ended', (message) => message.callId === 'w1');
  await alice.request({ type: 'invite', id: rid(), callId: 'w2', to: ['carol'], media: 'audio' });
  return { alice, bob };
}

describe('webhooks', () => {
  it('delivers every event of scripted calls in order, signed, with ids, times and the call facts', async () => {
    const hooks = await receiver();
    const server = await serverWith(hooks);
    const { alice, bob } = await scriptedCalls(server);
    await waitUntil(() => hooks.delivered().length === 7, 5_000, 'seven webhooks');
    const received = events(hooks.delivered());
    const ofCall = (callId: string) => received.filter((event) => event.data.callId === callId).map((event) => event.type);
    expect(ofCall('w1')).toEqual(['call.invited', 'call.ringing', 'call.answered', 'call.ended']);
    expect(ofCall('w2')).toEqual(['call.invited', 'call.missed', 'call.ended']);
    expect(new Set(received.map((event) => event.id)).size).toBe(7);
    const ended = received.find((event) => event.type === 'call.ended' && event.data.callId === 'w1');
    expect(ended?.data).toMatchObject({ from: 'alice', media: 'video', reason: 'completed', by: 'alice', durationMs: expect.any(Number) });
    expect(received.find((event) => event.type === 'call.answered')?.data).toMatchObject({ user: 'bob', device: bob.device });
    expect(received.find((event) => event.type === 'call.missed')?.data).toMatchObject({ user: 'carol', reason: 'offline' });
    expect(received.find((event) => event.type === 'call.ended' && event.data.callId === 'w2')?.data).toMatchObject({ reason: 'offline', durationMs: 0 });
    expect(hooks.requests.map((request) => request.headers[WEBHOOK_HEADERS.id])).toEqual(received.map((event) => event.id));
    expect(hooks.requests.some((request) => request.body.includes('secret-payload'))).toBe(false);
    await Promise.all([alice.close(), bob.close()]);
  }, 20_000);

  it('sends call.held and call.resumed with who held or resumed, once each', async () => {
    const hooks = await receiver();
    const server = await serverWith(hooks);
    const alice = await connectWs(server, { user: 'alice' });
    const bob = await connectWs(server, { user: 'bob' });
    await alice.request({ type: 'invite', id: rid(), callId: 'h1', to: ['bob'], media: 'audio' });
    await bob.next('incoming');
    await bob.request({ type: 'accept', id: rid(), callId: 'h1', media: 'audio' });
    for (const type of ['hold', 'hold', 'resume', 'resume'] as const) await bob.request({ type, id: rid(), callId: 'h1' });
    await alice.request({ type: 'hangup', id: rid(), callId: 'h1' });
    await waitUntil(() => hooks.delivered().length === 5, 5_000, 'five webhooks');
    const received = events(hooks.delivered());
    expect(received.map((event) => event.type)).toEqual(['call.invited', 'call.answered', 'call.held', 'call.resumed', 'call.ended']);
    expect(received.filter((event) => event.type === 'call.held' || event.type === 'call.resumed').map((event) => event.data)).toEqual([
      expect.objectContaining({ callId: 'h1', user: 'bob' }),
      expect.objectContaining({ callId: 'h1', user: 'bob' }),
    ]);
    await Promise.all([alice.close(), bob.close()]);
  }, 20_000);

  it('retries with backoff: a receiver that answers 500 twice then 200 gets each event exactly once, still in order', async () => {
    const attempts = new Map<string, number>();
    const hooks = await receiver((request) => {
      const id = String(request.headers[WEBHOOK_HEADERS.id]);
      const count = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, count);
      return count <= 2 ? 500 : 200;
    });
    const server = await serverWith(hooks);
    const { alice, bob } = await scriptedCalls(server);
    await waitUntil(() => hooks.delivered().length === 7, 10_000, 'seven webhooks after retries');
    const delivered = events(hooks.delivered());
    expect(new Set(delivered.map((event) => event.id)).size).toBe(7);
    expect([...attempts.values()]).toEqual([3, 3, 3, 3, 3, 3, 3]);
    expect(delivered.filter((event) => event.data.callId === 'w1').map((event) => event.type)).toEqual([
      'call.invited',
      'call.ringing',
      'call.answered',
      'call.ended',
    ]);
    // Retries are signed afresh and still verify.
    expect(hooks.requests.every((request) => verifyWebhook(request.body, request.headers, SECRET).id === request.headers[WEBHOOK_HEADERS.id])).toBe(true);
    await Promise.all([alice.close(), bob.close()]);
  }, 20_000);

  it('never slows the ring path: with a receiver that hangs, the call goes exactly as without webhooks', async () => {
    const types = (messages: readonly ServerMessage[]) => messages.map((message) => message.type);
    const plain = await serverWith(undefined);
    const reference = await scriptedCalls(plain);
    const hanging = await receiver(() => 'hang');
    const slowed = await serverWith(hanging);
    const observed = await scriptedCalls(slowed);
    // The receiver holds the first event of each call and answers nothing; the calls went through meanwhile, in the same order.
    await waitUntil(() => hanging.requests.length === 2, 5_000, 'the first event of each call');
    expect(hanging.requests.every((request) => request.status === undefined)).toBe(true);
    expect(events(hanging.requests).map((event) => `${event.data.callId} ${event.type}`).sort()).toEqual(['w1 call.invited', 'w2 call.invited']);
    expect(types(observed.alice.received)).toEqual(types(reference.alice.received));
    expect(types(observed.bob.received)).toEqual(types(reference.bob.received));
    await Promise.all([reference.alice.close(), reference.bob.close(), observed.alice.close(), observed.bob.close()]);
  }, 20_000);

  it('refuses forged, altered, replayed and unsigned webhooks', async () => {
    const hooks = await receiver();
    const server = await serverWith(hooks);
    const { alice, bob } = await scriptedCalls(server);
    await waitUntil(() => hooks.delivered().length >= 1, 5_000, 'a webhook');
    const [first] = hooks.delivered();
    if (!first) throw new Error('no webhook');
    expect(verifyWebhook(first.body, first.headers, [`old-${SECRET}`, SECRET]).type).toBe('call.invited');
    expect(() => verifyWebhook(first.body, first.headers, 'another-secret')).toThrow(expect.objectContaining({ code: 'bad-signature' }));
    const altered = first.body.replace('"alice"', '"mallory"');
    expect(altered).not.toBe(first.body);
    expect(() => verifyWebhook(altered, first.headers, SECRET)).toThrow(expect.objectContaining({ code: 'bad-signature' }));
    const timestamp = Number(first.headers[WEBHOOK_HEADERS.timestamp]);
    expect(() => verifyWebhook(first.body, { ...first.headers, [WEBHOOK_HEADERS.timestamp]: String(timestamp + 60) }, SECRET)).toThrow(
      expect.objectContaining({ code: 'bad-signature' }),
    );
    // The same request replayed six minutes later.
    expect(() => verifyWebhook(first.body, first.headers, SECRET, { now: (timestamp + 360) * 1000 })).toThrow(expect.objectContaining({ code: 'too-old' }));
    const { [WEBHOOK_HEADERS.signature]: _signature, ...unsigned } = first.headers;
    expect(() => verifyWebhook(first.body, unsigned, SECRET)).toThrow(expect.objectContaining({ code: 'missing-header' }));
    await Promise.all([alice.close(), bob.close()]);
  }, 20_000);

  it('flush sends what was just recorded, in order, stamped with the decision time; close drops the rest', async () => {
    const hooks = await receiver();
    const sender = createWebhookSender([{ url: hooks.url, secret: SECRET }], { log: silentLog, retry: FAST_RETRY });
    const call: CallRecord = { callId: 'q1', version: 1, room: 'q1', from: 'alice', media: 'audio', status: 'ringing', createdAt: Date.now(), members: [] };
    const decidedAt = Date.now();
    sender.enqueue({ type: 'call.invited', call, by: 'alice', invitees: ['bob'], newCall: true, ringing: ['bob'] });
    sender.enqueue({ type: 'call.ringing', call, user: 'bob' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    sender.enqueue({ type: 'call.ended', call: { ...call, status: 'ended' }, reason: 'cancelled', by: 'alice', durationMs: 0, answered: false });
    expect(await sender.flush(5_000)).toBe(0);
    const received = events(hooks.delivered());
    expect(received.map((event) => event.type)).toEqual(['call.invited', 'call.ringing', 'call.ended']);
    expect(Date.parse(received[0]?.time ?? '')).toBeGreaterThanOrEqual(decidedAt);
    expect(Date.parse(received[0]?.time ?? '')).toBeLessThan(Date.parse(received[2]?.time ?? ''));
    sender.enqueue({ type: 'call.ringing', call, user: 'carol' });
    sender.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hooks.requests.length).toBe(3);
  }, 20_000);

  it('refuses bad endpoints when the server starts', async () => {
    await expect(startTestServer({ webhooks: [{ url: 'ftp://example.com/hook', secret: SECRET }] })).rejects.toThrow(/webhooks\[0\.url\]/);
    await expect(startTestServer({ webhooks: [{ url: 'https://example.com/hook', secret: '' }] })).rejects.toThrow(/webhooks\[0\.secret\]/);
  });
});
