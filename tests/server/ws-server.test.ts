import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, UnsecuredJWT } from 'jose';
import { TokenVerifier } from 'livekit-server-sdk';
import { WebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import type { RingServer } from '../../src/server/ws-server.js';
import { rid } from '../helpers/server-client.js';
import { bounded, connectWs, startTestServer, TEST_JWT_SECRET, TEST_LIVEKIT, tokenFor } from '../helpers/server-ws.js';

let server: RingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('ws server: HTTP and authentication', () => {
  it('answers /healthz with { ok: true }, and LiveKit not answering is a field, not a failure', async () => {
    server = await startTestServer();
    const response = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, livekit: 'unreachable' });
    expect((await fetch(`http://127.0.0.1:${server.port}/nope`)).status).toBe(404);
  });

  it('accepts an app JWT in ?token= and in hello.token; sub is the user id', async () => {
    server = await startTestServer({ dev: false });
    const viaQuery = await connectWs(server, { query: `token=${await tokenFor('alice')}` });
    expect(viaQuery.device).not.toBe('');
    const viaHello = await connectWs(server, { query: '', hello: false });
    const welcome = await viaHello.request({ type: 'hello', id: rid(), version: PROTOCOL_VERSION, token: await tokenFor('bob') });
    expect(welcome).toMatchObject({ type: 'welcome', user: 'bob', resumed: false, graceMs: 15_000, presence: 'available', calls: [] });
  });

  it.each([
    ['forged (wrong secret)', () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setExpirationTime('1h').sign(new TextEncoder().encode('not-the-secret-but-long-enough-000000'))],
    ['expired', () => tokenFor('alice', Math.floor(Date.now() / 1000) - 60)],
    ['alg none', async () => new UnsecuredJWT({}).setSubject('alice').setExpirationTime('1h').encode()],
    ['HS512', () => new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setSubject('alice').setExpirationTime('1h').sign(new TextEncoder().encode(TEST_JWT_SECRET))],
    ['garbage', async () => 'not.a.jwt'],
  ])('refuses a %s token with unauthorized, in the query and in hello', async (_name, makeToken) => {
    server = await startTestServer({ dev: false });
    const token = await makeToken();
    const viaQuery = await connectWs(server, { query: `token=${encodeURIComponent(token)}`, hello: false });
    expect(await viaQuery.next('error')).toMatchObject({ code: 'unauthorized' });
    expect((await bounded(viaQuery.closed)).code).toBe(4001);
    const viaHello = await connectWs(server, { query: '', hello: false });
    const reply = await viaHello.request({ type: 'hello', id: 'h1', version: PROTOCOL_VERSION, token });
    expect(reply).toMatchObject({ type: 'error', code: 'unauthorized', replyTo: 'h1' });
    expect((await bounded(viaHello.closed)).code).toBe(4001);
  });

  it('accepts ?user= only in dev mode', async () => {
    server = await startTestServer({ dev: false });
    const refused = await connectWs(server, { user: 'alice', hello: false });
    expect(await refused.next('error')).toMatchObject({ code: 'unauthorized' });
    await server.close();
    server = await startTestServer({ dev: true });
    const accepted = await connectWs(server, { user: 'alice' });
    expect(accepted.device).not.toBe('');
  });

  it('uses a custom authenticate(request, token) function', async () => {
    server = await startTestServer({
      dev: false,
      auth: { authenticate: (request, token) => (token === 'open-sesame' ? 'carol' : request.headers['x-user']?.toString()) },
    });
    const client = await connectWs(server, { query: 'token=open-sesame' });
    expect(client.received[0]).toMatchObject({ type: 'welcome', user: 'carol' });
    const refused = await connectWs(server, { query: 'token=wrong', hello: false });
    expect(await refused.next('error')).toMatchObject({ code: 'unauthorized' });
  });

  it('asks for hello first, and refuses another protocol version', async () => {
    server = await startTestServer();
    const client = await connectWs(server, { user: 'alice', hello: false });
    expect(await client.request({ type: 'ping', id: 'p1' })).toMatchObject({ type: 'error', code: 'not-authenticated', replyTo: 'p1' });
    expect(await client.request({ type: 'hello', id: 'h1', version: 99 })).toMatchObject({ type: 'error', code: 'unsupported-version', replyTo: 'h1' });
    expect((await bounded(client.closed)).code).toBe(4002);
  });

  it('answers ping with pong', async () => {
    server = await startTestServer();
    const client = await connectWs(server, { user: 'alice' });
    expect(await client.request({ type: 'ping', id: 'p1' })).toMatchObject({ type: 'pong', replyTo: 'p1', time: expect.any(Number) });
  });
});

describe('ws server: LiveKit tokens', () => {
  it('gives the caller a token with the invite and only the winning device of the callee one', async () => {
    server = await startTestServer();
    const alice = await connectWs(server, { user: 'alice' });
    const bobPhone = await connectWs(server, { user: 'bob' });
    const bobLaptop = await connectWs(server, { user: 'bob' });
    const invited = await alice.request({ type: 'invite', id: rid(), callId: 'call-1', to: ['bob'], media: 'video' });
    if (invited.type !== 'invited' || !invited.livekit) throw new Error(`no grant: ${JSON.stringify(invited)}`);
    expect(invited.livekit).toMatchObject({ url: TEST_LIVEKIT.url, room: 'call-1', identity: `alice#${alice.device}` });
    // The ring carries only the LiveKit URL (to warm up), never a token.
    expect(await bobPhone.next('incoming')).toMatchObject({ livekitUrl: TEST_LIVEKIT.url });
    expect(await bobLaptop.next('incoming')).not.toHaveProperty('call.token');
    bobPhone.send({ type: 'accept', id: rid(), callId: 'call-1', media: 'video' });
    bobLaptop.send({ type: 'accept', id: rid(), callId: 'call-1', media: 'video' });
    const won = await bobPhone.next('answered');
    expect(await bobLaptop.next('ended')).toMatchObject({ reason: 'answered-elsewhere', by: 'bob' });
    expect(await bobLaptop.next('error')).toMatchObject({ code: 'already-answered' });
    expect(bobLaptop.received.some((message) => 'livekit' in message)).toBe(false);
    expect(await alice.next('accepted')).not.toHaveProperty('livekit');

    const verifier = new TokenVerifier(TEST_LIVEKIT.apiKey, TEST_LIVEKIT.apiSecret);
    for (const [grant, user, device] of [
      [invited.livekit, 'alice', alice.device],
      [won.livekit, 'bob', bobPhone.device],
    ] as const) {
      if (!grant) throw new Error('missing grant');
      const claims = await verifier.verify(grant.token);
      expect(claims.sub).toBe(`${user}#${device}`);
      expect(claims.name).toBe(user);
      expect(claims.attributes).toMatchObject({ 'ringkit.user': user, 'ringkit.device': device, 'ringkit.call': 'call-1' });
      expect(claims.video).toEqual({
        roomJoin: true,
        room: 'call-1',
        canPublish: true,
        canPublishSources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
        canSubscribe: true,
        canPublishData: true,
      });
      expect((claims.exp ?? 0) - (claims.nbf ?? claims.iat ?? 0)).toBe(600);
      // The room closes itself once everyone left: no request to LiveKit at the end of every call.
      expect(claims.roomConfig).toEqual({ departureTimeout: 3, emptyTimeout: 10 });
    }
    await expect(new TokenVerifier(TEST_LIVEKIT.apiKey, 'some-other-secret-000000000000000').verify(invited.livekit.token)).rejects.toThrow();
  });
});

describe('ws server: connections', () => {
  it('drops a peer that misses two pings; its call survives a resume within the grace period', async () => {
    server = await startTestServer({ heartbeatMs: 40, graceMs: 5_000 });
    const alice = await connectWs(server, { user: 'alice' });
    const bob = await connectWs(server, { user: 'bob' });
    await alice.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'audio' });
    await bob.next('incoming');
    await bob.request({ type: 'accept', id: rid(), callId: 'c1', media: 'audio' });
    const silent = new WebSocket(`${server.url}/?user=carol`, { autoPong: false });
    const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
    expect(await bounded(closed, 3_000)).toBe(1006);

    await alice.drop();
    const back = await connectWs(server, { user: 'alice', resume: alice.session });
    expect(back.received[0]).toMatchObject({ type: 'welcome', resumed: true, device: alice.device, calls: [{ callId: 'c1', status: 'active' }] });
    await back.request({ type: 'message', id: rid(), callId: 'c1', kind: 'hi', data: { n: 1 } });
    expect(await bob.next('message')).toEqual({ type: 'message', callId: 'c1', from: 'alice', kind: 'hi', data: { n: 1 } });
  });

  it('ends the call with connection-lost when the device does not come back', async () => {
    server = await startTestServer({ graceMs: 0 });
    const alice = await connectWs(server, { user: 'alice' });
    const bob = await connectWs(server, { user: 'bob' });
    await alice.request({ type: 'invite', id: rid(), callId: 'c1', to: ['bob'], media: 'audio' });
    await bob.next('incoming');
    await bob.request({ type: 'accept', id: rid(), callId: 'c1', media: 'audio' });
    await alice.drop();
    expect(await bob.next('ended')).toEqual({ type: 'ended', callId: 'c1', version: expect.any(Number), reason: 'connection-lost', by: 'alice' });
  });

  it('closes the old socket when a session is resumed on a new one', async () => {
    server = await startTestServer();
    const first = await connectWs(server, { user: 'alice' });
    const second = await connectWs(server, { user: 'alice', resume: first.session });
    expect(second.received[0]).toMatchObject({ type: 'welcome', resumed: true, device: first.device });
    expect((await bounded(first.closed)).code).toBe(4000);
  });
});

describe('ws server: LiveKit rooms', () => {
  /** A stand-in RoomService that records requests; `open` lists the rooms it reports as still open. */
  async function fakeRoomService(open: Set<string>) {
    const requests: { url: string; body: Record<string, unknown>; auth: string }[] = [];
    const http = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
        requests.push({ url: request.url ?? '', body: parsed, auth: request.headers.authorization ?? '' });
        const names = Array.isArray(parsed.names) ? (parsed.names as string[]) : [];
        const reply = request.url?.endsWith('/ListRooms') ? { rooms: names.filter((name) => open.has(name)).map((name) => ({ name })) } : {};
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return { requests, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => new Promise((resolve) => http.close(resolve)) };
  }

  async function endedCall(callId: string, end: (alice: Awaited<ReturnType<typeof connectWs>>) => Promise<unknown>): Promise<void> {
    if (!server) throw new Error('no server');
    const alice = await connectWs(server, { user: 'alice' });
    const bob = await connectWs(server, { user: 'bob' });
    await alice.request({ type: 'invite', id: rid(), callId, to: ['bob'], media: 'audio' });
    await bob.next('incoming');
    await bob.request({ type: 'accept', id: rid(), callId, media: 'audio' });
    await end(alice);
  }

  it('asks LiveKit nothing when a call ends; after the check delay it deletes only rooms still open, in one ListRooms per batch', async () => {
    const livekit = await fakeRoomService(new Set(['room-linger']));
    const lines: string[] = [];
    try {
      server = await startTestServer({ livekit: { ...TEST_LIVEKIT, url: livekit.url, roomCheckMs: 300 }, log: (line) => lines.push(line) });
      await endedCall('room-left', (alice) => alice.request({ type: 'hangup', id: rid(), callId: 'room-left' }));
      await endedCall('room-linger', (alice) => alice.request({ type: 'hangup', id: rid(), callId: 'room-linger' }));
      expect(livekit.requests).toEqual([]);
      await expect.poll(() => lines).toContain('room room-linger was still open after its call ended; deleted');
      const calls = livekit.requests.map((request) => request.url.replace('/twirp/livekit.RoomService/', ''));
      expect(calls.filter((call) => call === 'DeleteRoom')).toHaveLength(1);
      expect(livekit.requests.find((request) => request.url.endsWith('/DeleteRoom'))?.body).toEqual({ room: 'room-linger' });
      const checked = livekit.requests.filter((request) => request.url.endsWith('/ListRooms')).flatMap((request) => request.body.names);
      expect(checked.sort()).toEqual(['room-left', 'room-linger']);
      expect(livekit.requests.every((request) => request.auth.startsWith('Bearer '))).toBe(true);
    } finally {
      await livekit.close();
    }
  });

  it('takes a member whose connection was lost out of the room while the group call goes on', async () => {
    const livekit = await fakeRoomService(new Set());
    const lines: string[] = [];
    try {
      server = await startTestServer({ graceMs: 0, livekit: { ...TEST_LIVEKIT, url: livekit.url }, log: (line) => lines.push(line) });
      const alice = await connectWs(server, { user: 'alice' });
      const bob = await connectWs(server, { user: 'bob' });
      const carol = await connectWs(server, { user: 'carol' });
      await alice.request({ type: 'invite', id: rid(), callId: 'group-1', to: ['bob', 'carol'], media: 'audio' });
      await bob.next('incoming');
      await carol.next('incoming');
      await bob.request({ type: 'accept', id: rid(), callId: 'group-1', media: 'audio' });
      await carol.request({ type: 'accept', id: rid(), callId: 'group-1', media: 'audio' });
      await carol.drop();
      expect(await alice.next('left')).toMatchObject({ user: 'carol', reason: 'connection-lost' });
      await expect.poll(() => livekit.requests.map((request) => request.url)).toContain('/twirp/livekit.RoomService/RemoveParticipant');
      expect(livekit.requests.find((request) => request.url.endsWith('/RemoveParticipant'))?.body).toMatchObject({
        room: 'group-1',
        identity: `carol#${carol.device}`,
      });
    } finally {
      await livekit.close();
    }
  });

  it('only logs when LiveKit cannot be reached, and keeps serving', async () => {
    const lines: string[] = [];
    server = await startTestServer({ livekit: { ...TEST_LIVEKIT, url: 'http://127.0.0.1:9/', roomCheckMs: 0 }, log: (line) => lines.push(line) });
    const alice = await connectWs(server, { user: 'alice' });
    await alice.request({ type: 'invite', id: rid(), callId: 'room-2', to: ['bob'], media: 'audio' });
    await expect.poll(() => lines.some((line) => line.startsWith('rooms room-2 could not be checked')), { timeout: 5_000 }).toBe(true);
    expect(await alice.request({ type: 'ping', id: rid() })).toMatchObject({ type: 'pong' });
  });
});
