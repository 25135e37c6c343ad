import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH } from '../../src/protocol/protocol.js';
import type { RingServer } from '../../src/server/ws-server.js';
import { rid } from '../helpers/server-client.js';
import { bounded, connectWs, startTestServer, type WsTestClient } from '../helpers/server-ws.js';

let server: RingServer;
let bystander: WsTestClient;

beforeAll(async () => {
  server = await startTestServer();
  bystander = await connectWs(server, { user: 'bystander' });
});
afterAll(async () => {
  await server.close();
});

async function stillServing(): Promise<void> {
  expect(await bystander.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
}

describe('bad input gets its error and the server keeps serving', () => {
  it.each([
    ['invalid JSON', '{"type": "ping", "id":', { code: 'bad-json' }],
    ['a JSON array', '[1,2,3]', { code: 'bad-message' }],
    ['an unknown type', JSON.stringify({ type: 'teleport', id: 'u1' }), { code: 'bad-message', replyTo: 'u1' }],
    ['a wrong field type', JSON.stringify({ type: 'invite', id: 'w1', callId: 'c1', to: 'bob', media: 'video' }), { code: 'bad-message', replyTo: 'w1' }],
    ['an unknown media', JSON.stringify({ type: 'accept', id: 'w2', callId: 'c1', media: 'smell' }), { code: 'bad-message', replyTo: 'w2' }],
    ['an extra field', JSON.stringify({ type: 'ping', id: 'w3', admin: true }), { code: 'bad-message', replyTo: 'w3' }],
    ['a call id over the limit', JSON.stringify({ type: 'ack', id: 'w4', callId: 'x'.repeat(MAX_ID_LENGTH + 1) }), { code: 'bad-message', replyTo: 'w4' }],
    ['a request id over the limit', JSON.stringify({ type: 'ping', id: 'x'.repeat(MAX_ID_LENGTH + 1) }), { code: 'bad-message' }],
    ['an id with control characters', JSON.stringify({ type: 'ack', id: 'w5', callId: 'a\u0000b' }), { code: 'bad-message', replyTo: 'w5' }],
    ['too many callees', JSON.stringify({ type: 'invite', id: 'w6', callId: 'c1', to: Array.from({ length: 17 }, (_, i) => `u${i}`), media: 'audio' }), { code: 'bad-message', replyTo: 'w6' }],
    ['an extra payload over 4 KiB', JSON.stringify({ type: 'invite', id: 'w7', callId: 'c1', to: ['bob'], media: 'audio', extra: { blob: 'x'.repeat(5000) } }), { code: 'bad-message', replyTo: 'w7' }],
    ['a hello with a string version', JSON.stringify({ type: 'hello', id: 'w8', version: '1' }), { code: 'bad-message', replyTo: 'w8' }],
  ])('%s', async (_name, frame, expected) => {
    const client = await connectWs(server, { user: 'sender' });
    client.sendRaw(frame);
    expect(await client.next('error')).toMatchObject({ type: 'error', ...expected });
    expect(await client.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
    await stillServing();
    await client.close();
  });

  it('a binary frame', async () => {
    const client = await connectWs(server, { user: 'sender' });
    client.sendRaw(Buffer.from([1, 2, 3]), true);
    expect(await client.next('error')).toMatchObject({ code: 'bad-message', message: expect.stringContaining('binary') });
    await stillServing();
  });

  it('an oversize frame (over 64 KiB) closes that connection with 1009 only', async () => {
    const client = await connectWs(server, { user: 'sender' });
    client.sendRaw(JSON.stringify({ type: 'ping', id: 'big', pad: 'x'.repeat(70 * 1024) }));
    expect((await bounded(client.closed)).code).toBe(1009);
    await stillServing();
  });

  it('acting on another user\'s call', async () => {
    const alice = await connectWs(server, { user: 'alice-bad' });
    const bob = await connectWs(server, { user: 'bob-bad' });
    const mallory = await connectWs(server, { user: 'mallory' });
    await alice.request({ type: 'invite', id: rid(), callId: 'private', to: ['bob-bad'], media: 'video' });
    await bob.next('incoming');
    expect(await mallory.request({ type: 'accept', id: 'm1', callId: 'private', media: 'video' })).toMatchObject({ code: 'forbidden', replyTo: 'm1' });
    expect(await mallory.request({ type: 'hangup', id: 'm2', callId: 'private' })).toMatchObject({ code: 'forbidden', replyTo: 'm2' });
    expect(mallory.received.some((message) => 'livekit' in message)).toBe(false);
    expect(await bob.request({ type: 'accept', id: rid(), callId: 'private', media: 'video' })).toMatchObject({ type: 'ok' });
    await alice.request({ type: 'hangup', id: rid(), callId: 'private' });
  });

  it('flooding past the rate limit gets rate-limited errors, then recovers', async () => {
    const flooder = await connectWs(server, { user: 'flooder' });
    const ids = Array.from({ length: 100 }, () => rid());
    for (const id of ids) flooder.send({ type: 'ping', id });
    const answered = () => flooder.received.filter((message) => 'replyTo' in message && ids.includes(message.replyTo ?? ''));
    await expect.poll(() => answered().length, { timeout: 3_000 }).toBe(100);
    const pongs = answered().filter((message) => message.type === 'pong').length;
    const limited = answered().filter((message) => message.type === 'error' && message.code === 'rate-limited');
    expect(pongs).toBeGreaterThanOrEqual(39);
    expect(pongs).toBeLessThan(60);
    expect(limited.length).toBe(100 - pongs);
    await stillServing();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await flooder.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
  });
});
