/**
 * Two real `ringkit-server --redis` processes sharing one Redis, with one
 * webhook receiver: each event is delivered once (by the process that decided
 * it), and SIGTERM on one process sends its clients to the other at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook, type WebhookEvent } from '../../src/server/webhooks/webhook-signature.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { startCluster, waitUntil, type ServerProcess } from '../helpers/redis-cluster.js';
import { rid } from '../helpers/server-client.js';
import { bounded, connectWs, type WsTestClient } from '../helpers/server-ws.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'cluster-webhook-secret';

let redis: TestRedis;
let receiver: WebhookReceiver;
let servers: ServerProcess[] = [];
const clients: WsTestClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  receiver = await startWebhookReceiver();
  servers = await startCluster(2, {
    redisUrl: redis.url,
    prefix: 'ops:',
    graceMs: 10_000,
    args: ['--webhook-url', receiver.url, '--webhook-secret', SECRET],
  });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  await Promise.all(servers.map((server) => server.stop()));
  await receiver?.close();
  await redis?.close();
});

async function connect(server: ServerProcess | undefined, user: string, resume?: string): Promise<WsTestClient> {
  if (!server) throw new Error('no such server');
  const client = await connectWs(server, { user, ...(resume ? { resume } : {}) });
  clients.push(client);
  return client;
}

async function metricsText(server: ServerProcess): Promise<string> {
  const response = await fetch(`${server.url.replace('ws://', 'http://')}/metrics`, { signal: AbortSignal.timeout(5_000) });
  return response.text();
}

/** `ringkit_webhook_queue` of one process. */
async function webhookQueue(server: ServerProcess): Promise<number> {
  return Number(/^ringkit_webhook_queue (\S+)$/m.exec(await metricsText(server))?.[1] ?? Number.NaN);
}

/** Webhooks one process delivered (all events). */
async function deliveredWebhooks(server: ServerProcess): Promise<number> {
  const lines = (await metricsText(server)).split('\n').filter((line) => line.startsWith('ringkit_webhook_deliveries_total{') && line.includes('outcome="delivered"'));
  return lines.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

function received(): WebhookEvent[] {
  return receiver.delivered().map((request) => verifyWebhook(request.body, request.headers, SECRET));
}

describe('operations on two processes sharing Redis', () => {
  it('delivers each event of calls decided on either process exactly once', async () => {
    const [a, b] = servers;
    const alice = await connect(a, 'alice');
    const bob = await connect(b, 'bob');
    const bobPhone = await connect(a, 'bob');
    // c1: bob answers on the other process; alice (this process) hangs up.
    await alice.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'audio' }, 5_000);
    await Promise.all([bob.next('incoming', undefined, 5_000), bobPhone.next('incoming', undefined, 5_000)]);
    await bob.request({ type: 'ack', id: rid(), callId: 'c1' }, 5_000);
    await bob.request({ type: 'accept', id: rid(), callId: 'c1', media: 'audio' }, 5_000);
    await bobPhone.next('ended', undefined, 5_000);
    await alice.request({ type: 'hangup', id: rid(), callId: 'c1' }, 5_000);
    // c2: bob calls alice from the other process; alice declines.
    await bob.request({ type: 'invite', id: rid(), callId: 'c2', to: ['alice'], media: 'video' }, 5_000);
    await alice.next('incoming', undefined, 5_000);
    await alice.request({ type: 'reject', id: rid(), callId: 'c2' }, 5_000);
    await bob.next('ended', (message) => message.callId === 'c2', 5_000);

    const expected = ['c1 call.invited', 'c1 call.ringing', 'c1 call.answered', 'c1 call.ended', 'c2 call.invited', 'c2 call.ended'];
    await waitUntil(() => received().length >= expected.length, 10_000, 'every event');
    // Both processes have nothing left to send, and together they delivered exactly what arrived.
    await waitUntil(async () => (await Promise.all(servers.map(webhookQueue))).every((queued) => queued === 0), 10_000, 'empty webhook queues');
    const delivered = await Promise.all(servers.map(deliveredWebhooks));
    expect(delivered.reduce((sum, count) => sum + count, 0)).toBe(received().length);
    expect(delivered.every((count) => count > 0)).toBe(true);
    const events = received();
    expect(events.map((event) => `${event.data.callId} ${event.type}`).sort()).toEqual(expected.sort());
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  }, 40_000);

  it('on SIGTERM, a process closes its sockets with 1012 and its clients resume their call on the other process', async () => {
    const [leaving, staying] = servers as [ServerProcess, ServerProcess];
    const carol = await connect(leaving, 'carol');
    const dave = await connect(staying, 'dave');
    await carol.request({ type: 'invite', id: rid(), callId: 'c3', to: ['dave'], media: 'audio' }, 5_000);
    await dave.next('incoming', undefined, 5_000);
    await dave.request({ type: 'accept', id: rid(), callId: 'c3', media: 'audio' }, 5_000);

    const stopped = leaving.stop();
    expect((await bounded(carol.closed, 5_000)).code).toBe(1012);
    expect(await stopped).toBe(0);
    const again = await connect(staying, 'carol', carol.session);
    const welcome = again.received.find((message) => message.type === 'welcome');
    expect(welcome).toMatchObject({ resumed: true, calls: [expect.objectContaining({ callId: 'c3', status: 'active' })] });
    expect(await again.request({ type: 'hangup', id: rid(), callId: 'c3' }, 5_000)).toMatchObject({ type: 'ok' });
    expect((await dave.next('ended', undefined, 5_000)).reason).toBe('completed');
  }, 40_000);
});
