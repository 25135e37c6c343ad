/**
 * The logs of a real `ringkit-server` process through a full scripted
 * session: JSON lines with level, time, event, call, user and device, and no
 * token, LiveKit grant, ticket or `extra` payload anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { rid } from '../helpers/server-client.js';
import { spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { connectWs, TEST_JWT_SECRET, tokenFor } from '../helpers/server-ws.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const PAYLOAD_MARKER = 'payload-marker-7f3a';

const WEBHOOK_SECRET = 'webhook-secret-in-logs-test';

let server: ServerProcess;
let receiver: WebhookReceiver;
beforeAll(async () => {
  // The receiver refuses the first attempts, so failures and retries are logged too.
  let attempts = 0;
  receiver = await startWebhookReceiver(() => (++attempts <= 2 ? 500 : 200));
  const webhook = ['--webhook-url', receiver.url, '--webhook-secret', WEBHOOK_SECRET];
  server = await spawnServer(['--log-format', 'json', '--log-level', 'debug', '--jwt-secret', TEST_JWT_SECRET, ...webhook]);
}, 30_000);
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

describe('ringkit-server logs', () => {
  it('are JSON lines with the call facts and never carry a secret or a payload', async () => {
    const aliceToken = await tokenFor('alice');
    const bobToken = await tokenFor('bob');
    const alice = await connectWs(server, { user: 'alice', query: `token=${aliceToken}` });
    const bob = await connectWs(server, { user: 'bob', query: 'app=test', hello: false });
    const welcome = await bob.request({ type: 'hello', id: rid(), version: PROTOCOL_VERSION, token: bobToken });
    if (welcome.type === 'welcome') bob.device = welcome.device;
    const secrets = [aliceToken, bobToken];
    const invited = await alice.request({ type: 'invite', id: rid(), callId: 'l1', to: ['bob'], media: 'video', extra: { note: PAYLOAD_MARKER } });
    if (invited.type === 'invited' && invited.livekit) secrets.push(invited.livekit.token);
    await bob.next('incoming');
    await bob.request({ type: 'ack', id: rid(), callId: 'l1' });
    const reply = await bob.request({ type: 'accept', id: rid(), callId: 'l1', media: 'video' });
    if (reply.type === 'answered' && reply.livekit) secrets.push(reply.livekit.token);
    expect(await alice.request({ type: 'message', id: rid(), callId: 'l1', kind: 'note', data: { text: PAYLOAD_MARKER } })).toMatchObject({ type: 'ok' });
    await alice.request({ type: 'hangup', id: rid(), callId: 'l1' });
    await bob.next('ended');
    await Promise.all([alice.close(), bob.close()]);
    expect(secrets.length).toBe(4);

    const lines = () => server.output().split('\n').filter((line) => line.trim() !== '');
    await expect.poll(() => lines().some((line) => line.includes('"device.dropped"')), { timeout: 5_000 }).toBe(true);
    const entries = lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of entries) expect(entry).toMatchObject({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) });
    const answered = entries.find((entry) => entry.event === 'call.answered');
    expect(answered).toMatchObject({ callId: 'l1', user: 'bob', device: bob.device, level: 30 });
    expect(entries.find((entry) => entry.event === 'call.invited')).toMatchObject({ callId: 'l1', user: 'alice', extraBytes: expect.any(Number) });
    expect(entries.find((entry) => entry.event === 'call.ended')).toMatchObject({ callId: 'l1', reason: 'completed', by: 'alice' });
    const output = server.output();
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toContain(PAYLOAD_MARKER);
    expect(output).not.toContain(TEST_JWT_SECRET);
    expect(output).not.toContain(WEBHOOK_SECRET);
    expect(entries.some((entry) => entry.event === 'webhook.failed' && entry.level === 40)).toBe(true);
  }, 30_000);
});
