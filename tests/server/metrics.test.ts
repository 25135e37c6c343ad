/**
 * `GET /metrics` of a real `ringkit-server --dev` process after scripted
 * calls over real sockets: counters, gauges and histogram counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrape, type Samples } from '../helpers/prometheus.js';
import { rid } from '../helpers/server-client.js';
import { spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { connectWs, startTestServer } from '../helpers/server-ws.js';
import webpush from 'web-push';
import { createServerMetrics } from '../../src/server/metrics/server-metrics.js';
import { startWebPushService } from '../helpers/web-push-service.js';

let server: ServerProcess;
beforeAll(async () => {
  // A LiveKit that does not answer (port 9): tokens are signed locally, room checks fail.
  server = await spawnServer(['--log-format', 'json', '--livekit-url', 'ws://127.0.0.1:9', '--livekit-api-key', 'key', '--livekit-api-secret', 'secret']);
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

async function metrics(): Promise<Samples> {
  return scrape(`${server.url.replace('ws://', 'http://')}/metrics`);
}

describe('ringkit-server metrics', () => {
  it('counts invites, answers, endings by reason, latencies, errors and connections', async () => {
    const before = await metrics();
    expect(before('ringkit_invites_total', { media: 'audio' })).toBeUndefined();
    expect(before('ringkit_calls', { state: 'ringing' })).toBe(0);
    expect(before('process_cpu_user_seconds_total')).toBeGreaterThan(0);

    const alice = await connectWs(server, { user: 'alice' });
    const bob = await connectWs(server, { user: 'bob' });
    // Answered, then hung up.
    await alice.request({ type: 'invite', id: rid(), callId: 'm1', to: ['bob'], media: 'audio' });
    await bob.next('incoming');
    await bob.request({ type: 'ack', id: rid(), callId: 'm1' });
    await bob.request({ type: 'accept', id: rid(), callId: 'm1', media: 'audio' });
    const during = await metrics();
    expect(during('ringkit_calls', { state: 'active' })).toBe(1);
    expect(during('ringkit_calls', { state: 'ringing' })).toBe(0);
    // Held and resumed (twice held: a repeat is a no-op).
    for (const type of ['hold', 'hold', 'resume'] as const) expect(await bob.request({ type, id: rid(), callId: 'm1' })).toMatchObject({ type: 'ok' });
    await alice.request({ type: 'hangup', id: rid(), callId: 'm1' });
    await bob.next('ended', (message) => message.callId === 'm1');
    // Nobody can ring: carol is offline.
    await alice.request({ type: 'invite', id: rid(), callId: 'm2', to: ['carol'], media: 'video' });
    // Declined.
    await alice.request({ type: 'invite', id: rid(), callId: 'm3', to: ['bob'], media: 'audio' });
    await bob.next('incoming', (message) => message.call.callId === 'm3');
    await bob.request({ type: 'reject', id: rid(), callId: 'm3' });
    await alice.next('ended', (message) => message.callId === 'm3');
    // An error: no such call.
    expect(await bob.request({ type: 'hangup', id: rid(), callId: 'nope' })).toMatchObject({ type: 'error', code: 'not-found' });

    const value = await metrics();
    expect(value('ringkit_invites_total', { media: 'audio' })).toBe(2);
    expect(value('ringkit_invites_total', { media: 'video' })).toBe(1);
    expect(value('ringkit_answers_total', { media: 'audio' })).toBe(1);
    expect(value('ringkit_calls_ended_total', { reason: 'completed' })).toBe(1);
    expect(value('ringkit_calls_ended_total', { reason: 'offline' })).toBe(1);
    expect(value('ringkit_calls_ended_total', { reason: 'declined' })).toBe(1);
    expect(value('ringkit_calls_missed_total', { reason: 'offline' })).toBe(1);
    expect(value('ringkit_calls', { state: 'ringing' })).toBe(0);
    expect(value('ringkit_calls', { state: 'active' })).toBe(0);
    expect(value('ringkit_ring_latency_seconds_count')).toBe(2);
    expect(value('ringkit_answer_latency_seconds_count')).toBe(1);
    expect(value('ringkit_errors_sent_total', { code: 'not-found' })).toBe(1);
    expect(value('ringkit_holds_total', { action: 'hold' })).toBe(1);
    expect(value('ringkit_holds_total', { action: 'resume' })).toBe(1);
    // Grants: alice on m1 and m3, bob on accept; m2 ended before any grant.
    expect(value('ringkit_livekit_grant_seconds_count')).toBe(3);
    expect(value('ringkit_livekit_grant_failures_total')).toBe(0);
    expect(value('ringkit_connected_devices')).toBe(2);
    expect(value('ringkit_connected_users')).toBe(2);
    const extra = await connectWs(server, { user: 'alice' });
    expect((await metrics())('ringkit_connected_devices')).toBe(3);
    expect((await metrics())('ringkit_connected_users')).toBe(2);
    await Promise.all([alice.close(), bob.close(), extra.close()]);
  }, 30_000);

  it('counts frames refused by the rate limit', async () => {
    const dave = await connectWs(server, { user: 'dave' });
    for (let index = 0; index < 60; index += 1) dave.send({ type: 'ping', id: rid() });
    await dave.next('error', (message) => message.code === 'rate-limited');
    const value = await metrics();
    expect(value('ringkit_rate_limited_frames_total')).toBeGreaterThan(0);
    expect(value('ringkit_errors_sent_total', { code: 'rate-limited' })).toBe(value('ringkit_rate_limited_frames_total'));
    await dave.close();
  }, 15_000);

  it('counts LiveKit room checks that fail (createRingServer with metrics, GET /metrics on its port)', async () => {
    const metrics = createServerMetrics({ processMetrics: false });
    const inProcess = await startTestServer({ livekit: { url: 'http://127.0.0.1:9', apiKey: 'key', apiSecret: 'secret', roomCheckMs: 50 }, metrics });
    try {
      const alice = await connectWs(inProcess, { user: 'alice' });
      await alice.request({ type: 'invite', id: rid(), callId: 'r1', to: ['nobody'], media: 'audio' });
      const url = `${inProcess.url.replace('ws://', 'http://')}/metrics`;
      await expect.poll(async () => (await scrape(url))('ringkit_livekit_room_delete_failures_total'), { timeout: 10_000 }).toBe(1);
      expect((await scrape(url))('process_cpu_user_seconds_total')).toBeUndefined();
      await alice.close();
    } finally {
      await inProcess.close();
    }
  }, 20_000);

  it('counts Web Push sends through a real local push service, and failures when it is down', async () => {
    const push = await startWebPushService();
    const keys = webpush.generateVAPIDKeys();
    const metrics = createServerMetrics({ processMetrics: false });
    const sent: string[] = [];
    const inProcess = await startTestServer({
      metrics,
      graceMs: 0,
      push: {
        vapidPublicKey: keys.publicKey,
        vapidPrivateKey: keys.privateKey,
        subject: 'mailto:test@example.com',
        allowHttpEndpoints: true,
        timeoutMs: 2_000,
        onSent: (kind, result) => sent.push(`${kind} ${result}`),
      },
    });
    try {
      const bobPage = await connectWs(inProcess, { user: 'bob' });
      const { subscription, clientHash } = await push.subscribe(keys.publicKey);
      expect(await bobPage.request({ type: 'push-subscribe', id: rid(), subscription })).toMatchObject({ type: 'ok' });
      await bobPage.close();
      const alice = await connectWs(inProcess, { user: 'alice' });
      await alice.request({ type: 'invite', id: rid(), callId: 'p1', to: ['bob'], media: 'audio' });
      await push.waitForMessages(clientHash, 1);
      await alice.request({ type: 'cancel', id: rid(), callId: 'p1' });
      await push.waitForMessages(clientHash, 2);
      await expect.poll(() => sent.length, { timeout: 5_000 }).toBe(2);
      push.setMode('down');
      await alice.request({ type: 'invite', id: rid(), callId: 'p2', to: ['bob'], media: 'audio' });
      await expect.poll(() => sent.length, { timeout: 5_000 }).toBe(3);
      const value = await scrape(`${inProcess.url.replace('ws://', 'http://')}/metrics`);
      expect(sent).toEqual(['ring delivered', 'withdraw delivered', 'ring failed']);
      expect(value('ringkit_push_sent_total', { kind: 'ring' })).toBe(1);
      expect(value('ringkit_push_sent_total', { kind: 'withdraw' })).toBe(1);
      expect(value('ringkit_push_failures_total', { kind: 'ring', reason: 'failed' })).toBe(1);
      await alice.close();
    } finally {
      await inProcess.close();
      await push.stop();
    }
  }, 30_000);
});
