import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RingPush, WithdrawPush } from '../../src/protocol/push.js';
import { signDeclineTicket, ticketKey } from '../../src/server/push/decline-ticket.js';
import type { WebPushOptions } from '../../src/server/push/server-push.js';
import { subscriptionId } from '../../src/server/push/subscription-id.js';
import type { RingServer } from '../../src/server/ws-server.js';
import { rid } from '../helpers/server-client.js';
import { connectWs, startTestServer, type WsTestClient } from '../helpers/server-ws.js';
import { startWebPushService, type WebPushService } from '../helpers/web-push-service.js';

const keys = webpush.generateVAPIDKeys();
const vapid: WebPushOptions = { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, subject: 'mailto:test@example.com', allowHttpEndpoints: true };

let push: WebPushService;
let server: RingServer;
const clients: WsTestClient[] = [];

beforeAll(async () => {
  push = await startWebPushService();
});
afterAll(async () => {
  await push.stop();
});
afterEach(async () => {
  push.setMode('up');
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await server.close();
});

const lines: string[] = [];

async function start(options: Partial<WebPushOptions> = {}): Promise<RingServer> {
  lines.length = 0;
  server = await startTestServer({ push: { ...vapid, ...options, timeoutMs: 2_000 }, graceMs: 0, log: (line) => lines.push(line) });
  return server;
}

async function connect(user: string): Promise<WsTestClient> {
  const client = await connectWs(server, { user });
  clients.push(client);
  return client;
}

/** `user` subscribes to push from one device, then closes every page. */
async function subscribeAndLeave(user: string): Promise<{ clientHash: string; endpoint: string }> {
  const device = await connectWs(server, { user });
  const { subscription, clientHash } = await push.subscribe(keys.publicKey);
  expect(await device.request({ type: 'push-subscribe', id: rid(), subscription })).toMatchObject({ type: 'ok' });
  await device.close();
  return { clientHash, endpoint: subscription.endpoint };
}

async function invite(caller: WsTestClient, callId: string, to = 'bob') {
  return caller.request({ type: 'invite', id: rid(), callId, to: [to], media: 'video', extra: { topic: 'lunch' } });
}

function parse<T>(text: string | undefined): T {
  return JSON.parse(text ?? 'null') as T;
}

async function postDecline(callId: string, body: unknown): Promise<{ status: number; body: { error?: string } }> {
  const response = await fetch(`${server.url.replace('ws://', 'http://')}/calls/${encodeURIComponent(callId)}/decline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? {} : ((await response.json()) as { error?: string }) };
}

describe('Web Push through a real local push service', () => {
  it('welcomes clients with the VAPID public key', async () => {
    await start();
    const alice = await connect('alice');
    expect(alice.received.find((message) => message.type === 'welcome')).toMatchObject({ vapidPublicKey: keys.publicKey });
  });

  it('rings a callee with no page by push (payload, TTL, urgency, topic) and withdraws it when the caller cancels', async () => {
    await start();
    const { clientHash } = await subscribeAndLeave('bob');
    const alice = await connect('alice');
    const sentAt = Date.now();
    const invited = await invite(alice, 'call-1');
    expect(invited).toMatchObject({ type: 'invited', call: { status: 'ringing' } });

    const [ringText] = await push.waitForMessages(clientHash, 1);
    const ring = parse<RingPush>(ringText);
    expect(ring).toMatchObject({ type: 'ring', callId: 'call-1', from: 'alice', media: 'video', extra: { topic: 'lunch' } });
    expect(ring.declineUrl).toBe(`${server.url.replace('ws://', 'http://')}/calls/call-1/decline`);
    expect(ring.ticket.split('.')).toHaveLength(3);
    const request = push.requests.find((recorded) => recorded.clientHash === clientHash);
    expect(request?.headers).toMatchObject({ urgency: 'high', topic: 'call-1', 'content-encoding': 'aes128gcm' });
    const ttl = Number(request?.headers.ttl);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(Math.ceil((ring.expiresAt - sentAt) / 1000));
    expect(ttl).toBeLessThanOrEqual(server.service.ringTimeoutMs / 1000);

    expect(await alice.request({ type: 'cancel', id: rid(), callId: 'call-1' })).toMatchObject({ type: 'ok' });
    const messages = await push.waitForMessages(clientHash, 2);
    expect(parse<WithdrawPush>(messages[1])).toEqual({ type: 'withdraw', callId: 'call-1' });
    expect(push.requests.filter((recorded) => recorded.clientHash === clientHash).at(-1)?.headers).toMatchObject({ urgency: 'high', topic: 'call-1' });
  });

  it('rings hidden pages and pushes too; a visible page gets no push; answering withdraws the push', async () => {
    await start();
    const { clientHash } = await subscribeAndLeave('bob');
    const bob = await connect('bob');
    const alice = await connect('alice');
    await invite(alice, 'call-visible');
    await bob.next('incoming');
    await alice.request({ type: 'cancel', id: rid(), callId: 'call-visible' });
    await bob.next('ended');

    expect(await bob.request({ type: 'visibility', id: rid(), state: 'hidden' })).toMatchObject({ type: 'ok' });
    await invite(alice, 'call-hidden');
    await bob.next('incoming', (message) => message.call.callId === 'call-hidden');
    const [ringText] = await push.waitForMessages(clientHash, 1);
    expect(parse<RingPush>(ringText)).toMatchObject({ type: 'ring', callId: 'call-hidden' });
    expect(push.requests.filter((recorded) => recorded.clientHash === clientHash)).toHaveLength(1);

    expect(await bob.request({ type: 'visibility', id: rid(), state: 'visible' })).toMatchObject({ type: 'ok' });
    expect(await bob.request({ type: 'accept', id: rid(), callId: 'call-hidden', media: 'video' })).toMatchObject({ type: 'answered' });
    const messages = await push.waitForMessages(clientHash, 2);
    expect(parse<WithdrawPush>(messages[1])).toEqual({ type: 'withdraw', callId: 'call-hidden' });
  });

  it('forgets a subscription its push service answers 410; the next call to that user ends offline', async () => {
    await start();
    const { clientHash } = await subscribeAndLeave('bob');
    await push.expire(clientHash);
    const alice = await connect('alice');
    expect(await invite(alice, 'call-gone')).toMatchObject({ type: 'invited', call: { status: 'ringing' } });
    await expect.poll(() => lines.some((line) => /ring push for call call-gone .* answered 410; subscription forgotten/.test(line))).toBe(true);
    expect(push.requests.filter((recorded) => recorded.clientHash === clientHash).map((recorded) => recorded.status)).toEqual([410]);
    expect(lines.join('\n')).not.toContain(clientHash);
    expect(await alice.request({ type: 'cancel', id: rid(), callId: 'call-gone' })).toMatchObject({ type: 'ok' });
    expect(await invite(alice, 'call-offline')).toMatchObject({ type: 'invited', call: { status: 'ended' } });
    expect(await alice.next('ended', (message) => message.callId === 'call-offline')).toMatchObject({ reason: 'offline' });
  });

  it('declines from the notification with the ticket, exactly like reject; replays, forgeries and strangers change nothing', async () => {
    await start();
    const { clientHash, endpoint } = await subscribeAndLeave('bob');
    const alice = await connect('alice');
    await invite(alice, 'call-d');
    const ring = parse<RingPush>((await push.waitForMessages(clientHash, 1))[0]);
    const key = ticketKey(keys.privateKey);
    const claims = { user: 'bob', callId: 'call-d', subscription: subscriptionId(endpoint), ringUntil: ring.expiresAt };
    const [header, payload, signature] = ring.ticket.split('.');

    const refusals: [unknown, number, string][] = [
      ['not json', 400, 'bad-message'],
      [{ ticket: 42 }, 400, 'bad-message'],
      [{ ticket: `${header}.${payload}.${signature?.slice(0, -4)}AAAA` }, 401, 'invalid-ticket'],
      [{ ticket: await signDeclineTicket(ticketKey('another-server-key'), claims) }, 401, 'invalid-ticket'],
      [{ ticket: await signDeclineTicket(key, { ...claims, ringUntil: Date.now() - 1_000 }) }, 401, 'invalid-ticket'],
      [{ ticket: await signDeclineTicket(key, { ...claims, user: 'mallory' }) }, 403, 'forbidden'],
      [{ ticket: await signDeclineTicket(key, { ...claims, subscription: 'unknown-subscriptio' }) }, 403, 'forbidden'],
      [{ ticket: await signDeclineTicket(key, { ...claims, ringUntil: ring.expiresAt + 1 }) }, 409, 'not-ringing'],
    ];
    for (const [body, status, error] of refusals) {
      expect(await postDecline('call-d', body), JSON.stringify(body)).toEqual({ status, body: expect.objectContaining({ error }) });
    }
    expect(await postDecline('call-other', { ticket: ring.ticket })).toEqual({ status: 403, body: expect.objectContaining({ error: 'forbidden' }) });
    expect(alice.endings('call-d')).toEqual([]);

    expect(await postDecline('call-d', { ticket: ring.ticket })).toEqual({ status: 204, body: {} });
    expect(await alice.next('ended', (message) => message.callId === 'call-d')).toMatchObject({ reason: 'declined', by: 'bob' });
    expect(await postDecline('call-d', { ticket: ring.ticket })).toEqual({ status: 409, body: expect.objectContaining({ error: 'not-ringing' }) });
    const messages = await push.waitForMessages(clientHash, 2);
    expect(parse<WithdrawPush>(messages[1])).toEqual({ type: 'withdraw', callId: 'call-d' });
    const history = await alice.request({ type: 'history', id: rid() });
    expect(history).toMatchObject({ entries: [{ callId: 'call-d', reason: 'declined' }] });
  });

  it('answers bad subscriptions with bad-message, https-only unless allowed, and unavailable without push', async () => {
    await start({ allowHttpEndpoints: false });
    const bob = await connect('bob');
    const { subscription } = await push.subscribe(keys.publicKey);
    const bad = { ...subscription, keys: { p256dh: 'short', auth: subscription.keys.auth } };
    expect(await bob.request({ type: 'push-subscribe', id: rid(), subscription: bad } as never)).toMatchObject({ type: 'error', code: 'bad-message' });
    expect(await bob.request({ type: 'push-subscribe', id: rid(), subscription })).toMatchObject({
      type: 'error',
      code: 'bad-message',
      message: 'push endpoints must be https URLs',
    });
    const expired = { ...subscription, endpoint: 'https://push.example/x', expirationTime: Date.now() - 1 };
    expect(await bob.request({ type: 'push-subscribe', id: rid(), subscription: expired })).toMatchObject({ type: 'error', code: 'bad-message' });
    bob.sendRaw(JSON.stringify({ type: 'push-subscribe', id: 'raw1', subscription: { endpoint: 'javascript:alert(1)', keys: {} } }));
    expect(await bob.next('error', (message) => message.replyTo === 'raw1')).toMatchObject({ code: 'bad-message' });
    expect(await bob.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
    await bob.close();
    clients.splice(0);
    await server.close();

    server = await startTestServer();
    const carol = await connect('carol');
    expect(carol.received.find((message) => message.type === 'welcome')).not.toHaveProperty('vapidPublicKey');
    expect(await carol.request({ type: 'push-subscribe', id: rid(), subscription })).toMatchObject({ type: 'error', code: 'unavailable' });
  });

  it.each(['down', 'slow'] as const)('a push service that is %s holds nothing up: the call rings on connected devices at once', async (mode) => {
    await start();
    await subscribeAndLeave('bob');
    push.setMode(mode);
    const bob = await connect('bob');
    await bob.request({ type: 'visibility', id: rid(), state: 'hidden' });
    const alice = await connect('alice');
    const before = push.requests.length;
    expect(await invite(alice, `call-${mode}`)).toMatchObject({ type: 'invited', call: { status: 'ringing' } });
    await bob.next('incoming');
    await push.waitForRequest(before + 1);
    expect(await bob.request({ type: 'accept', id: rid(), callId: `call-${mode}`, media: 'video' })).toMatchObject({ type: 'answered' });
    expect(await alice.next('accepted')).toMatchObject({ by: 'bob' });
  });
});
