import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_DEPTH, MAX_ID_LENGTH, MAX_PAYLOAD_DEPTH, MAX_TOKEN_LENGTH } from '../../src/protocol/protocol.js';
import type { RingServer } from '../../src/server/ws-server.js';
import { rid } from '../helpers/server-client.js';
import { bounded, connectWs, startTestServer, tokenFor, type WsTestClient } from '../helpers/server-ws.js';

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

  const nested = (levels: number, inner: string) => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;
  const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  it.each([
    ['extra nested 3,000 levels', `{"type":"invite","id":"d1","callId":"c-deep","to":["bob"],"media":"audio","extra":{"x":${nested(3_000, '1')}}}`, 'd1'],
    ['message data nested 1,700 levels of objects', `{"type":"message","id":"d2","callId":"c-deep","kind":"k","data":${deepObject(1_700)}}`, 'd2'],
    ['an unknown field nested 20,000 levels (most a 64 KiB frame holds)', `{"type":"ping","id":"d3","x":${nested(20_000, '')}}`, 'd3'],
    ['a frame one level past the limit', `{"type":"ping","id":"d4","x":${nested(MAX_FRAME_DEPTH, '')}}`, 'd4'],
    ['extra one level past the payload limit', `{"type":"invite","id":"d5","callId":"c-deep","to":["bob"],"media":"audio","extra":{"x":${nested(MAX_PAYLOAD_DEPTH, '1')}}}`, 'd5'],
  ])('%s: bad-message with replyTo, and the connection stays', async (_name, frame, id) => {
    const client = await connectWs(server, { user: 'sender' });
    client.sendRaw(frame);
    expect(await client.next('error')).toMatchObject({ code: 'bad-message', replyTo: id, message: expect.stringMatching(/levels/) });
    expect(await client.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
    await stillServing();
    await client.close();
  });

  it('extra nested exactly to the payload limit rings the callee, whose client can read it', async () => {
    const alice = await connectWs(server, { user: 'alice-deep' });
    const bob = await connectWs(server, { user: 'bob-deep' });
    const extra = { x: JSON.parse(nested(MAX_PAYLOAD_DEPTH - 1, '1')) as number[] };
    expect(await alice.request({ type: 'invite', id: rid(), callId: 'c-deep-ok', to: ['bob-deep'], media: 'audio', extra })).toMatchObject({ type: 'invited' });
    expect((await bob.next('incoming')).call.extra).toEqual(extra);
    await alice.request({ type: 'hangup', id: rid(), callId: 'c-deep-ok' });
    await Promise.all([alice.close(), bob.close()]);
  });

  it('a hello with a token over the length limit is unauthorized and closed with 4001', async () => {
    const client = await connectWs(server, { hello: false });
    const token = `${await tokenFor('alice')}${'x'.repeat(MAX_TOKEN_LENGTH)}`;
    client.sendRaw(JSON.stringify({ type: 'hello', id: 'h1', version: 1, token }));
    expect(await client.next('error')).toMatchObject({ code: 'unauthorized', replyTo: 'h1' });
    expect((await bounded(client.closed)).code).toBe(4001);
    await stillServing();
  });

  it('a text frame that is not UTF-8 closes that connection with 1007 only', async () => {
    const client = await connectWs(server, { user: 'sender' });
    client.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect((await bounded(client.closed)).code).toBe(1007);
    await stillServing();
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
    expect(await bob.request({ type: 'accept', id: rid(), callId: 'private', media: 'video' })).toMatchObject({ type: 'answered' });
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
