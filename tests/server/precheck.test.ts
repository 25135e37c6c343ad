import { TokenVerifier } from 'livekit-server-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessageOf } from '../../src/protocol/protocol.js';
import { PRECHECK_RATE_LIMIT } from '../../src/server/precheck/precheck-request.js';
import { PRECHECK_TOKEN_TTL_SECONDS } from '../../src/server/precheck/precheck-tokens.js';
import type { RingServer } from '../../src/server/ws-server.js';
import { rid } from '../helpers/server-client.js';
import { createHarness } from '../helpers/server-harness.js';
import { connectWs, startTestServer, TEST_LIVEKIT } from '../helpers/server-ws.js';

let server: RingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function asGrant(reply: unknown): ServerMessageOf<'precheck'> {
  expect(reply).toMatchObject({ type: 'precheck' });
  return reply as ServerMessageOf<'precheck'>;
}

describe('ws server: precheck (a pre-call check grant)', () => {
  it('grants one device a short token for a fresh private room it alone may join, publishing camera and microphone only', async () => {
    server = await startTestServer();
    const alice = await connectWs(server, { user: 'alice' });
    const id = rid();
    const first = asGrant(await alice.request({ type: 'precheck', id }));
    const second = asGrant(await alice.request({ type: 'precheck', id: rid() }));
    expect(first.replyTo).toBe(id);
    expect(first.livekit).toMatchObject({ url: TEST_LIVEKIT.url, identity: `alice#${alice.device}` });
    expect(first.livekit.room).toMatch(/^precheck-[0-9a-z]{20}$/);
    expect(second.livekit.room).not.toBe(first.livekit.room);

    const claims = await new TokenVerifier(TEST_LIVEKIT.apiKey, TEST_LIVEKIT.apiSecret).verify(first.livekit.token);
    expect(claims.sub).toBe(`alice#${alice.device}`);
    expect(claims.exp! - claims.nbf!).toBe(PRECHECK_TOKEN_TTL_SECONDS);
    expect(claims.video).toEqual({
      roomJoin: true,
      room: first.livekit.room,
      canPublish: true,
      canPublishSources: ['camera', 'microphone'],
      canSubscribe: false,
      canPublishData: false,
    });
    expect(claims.roomConfig).toMatchObject({ maxParticipants: 1 });
    expect(claims.attributes).toMatchObject({ 'ringkit.user': 'alice', 'ringkit.precheck': 'true' });
    expect(claims.attributes).not.toHaveProperty('ringkit.call');
  });

  it('answers unavailable when the server has no LiveKit, and the connection keeps working', async () => {
    server = await startTestServer({ livekit: undefined });
    const alice = await connectWs(server, { user: 'alice' });
    const id = rid();
    expect(await alice.request({ type: 'precheck', id })).toMatchObject({ type: 'error', code: 'unavailable', replyTo: id });
    expect(await alice.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
  });

  it('limits checks per connection with rate-limited; another connection has its own allowance', async () => {
    server = await startTestServer();
    const alice = await connectWs(server, { user: 'alice' });
    for (let i = 0; i < PRECHECK_RATE_LIMIT.burst; i += 1) asGrant(await alice.request({ type: 'precheck', id: rid() }));
    const id = rid();
    expect(await alice.request({ type: 'precheck', id })).toMatchObject({ type: 'error', code: 'rate-limited', replyTo: id });
    expect(await alice.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
    const tab = await connectWs(server, { user: 'alice' });
    asGrant(await tab.request({ type: 'precheck', id: rid() }));
  });

  it('refuses a malformed precheck with bad-message and one before hello with not-authenticated', async () => {
    server = await startTestServer();
    const alice = await connectWs(server, { user: 'alice' });
    expect(await alice.request({ type: 'precheck', id: 'p1', room: 'call-1' } as never)).toMatchObject({ type: 'error', code: 'bad-message', replyTo: 'p1' });
    const early = await connectWs(server, { user: 'bob', hello: false });
    expect(await early.request({ type: 'precheck', id: 'p2' })).toMatchObject({ type: 'error', code: 'not-authenticated', replyTo: 'p2' });
  });

  it('tells nobody else about a check (no call, no message to other devices)', async () => {
    server = await startTestServer();
    const alice = await connectWs(server, { user: 'alice' });
    const other = await connectWs(server, { user: 'alice' });
    const bob = await connectWs(server, { user: 'bob' });
    asGrant(await alice.request({ type: 'precheck', id: rid() }));
    expect(await bob.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
    expect(await other.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
    for (const client of [other, bob]) expect(client.received.map((message) => message.type)).toEqual(['welcome', 'pong']);
  });
});

describe('call service: precheck hook failures', () => {
  it('a grant hook that throws or grants nothing is answered unavailable and logged without the token', async () => {
    const hooks = [async () => Promise.reject(new Error('LiveKit keys revoked')), async () => undefined];
    for (const [index, precheckGrant] of hooks.entries()) {
      const h = createHarness({ precheckGrant });
      const alice = await h.connect('alice');
      const id = rid();
      expect(await alice.request({ type: 'precheck', id })).toMatchObject({ type: 'error', code: 'unavailable', replyTo: id });
      expect(await alice.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
      expect(h.lines.some((line) => line.includes('LiveKit keys revoked'))).toBe(index === 0);
      h.close();
    }
  });
});
