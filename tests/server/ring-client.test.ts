/**
 * The ring client against the real signaling server, in-process, over real
 * WebSockets (`ws`), with fake media: full call flows, every end reason from
 * both sides, reconnect and resume mid-call, presence, history, auth.
 */
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeMediaHub, type FakeMediaOptions } from '../../src/testing/fake-media.js';
import type { RingClient, RingClientOptions } from '../../src/core/ring-client.js';
import { websocketTransport } from '../../src/core/signaling/websocket.js';
import type { RingServer } from '../../src/server/ws-server.js';
import { createTestClient, waitForClient, waitForStatus, type TestClient } from '../helpers/client.js';
import { createManualClock } from '../helpers/server-clock.js';
import { startTestServer, tokenFor } from '../helpers/server-ws.js';

const RING_MS = 10_000;
const GRACE_MS = 5_000;
const clock = createManualClock(Date.now());
const mediaHub = createFakeMediaHub();
let server: RingServer;
let clients: RingClient[] = [];
/** Client sockets, to drop them like a lost network. */
const sockets = new Map<string, WebSocket[]>();
/** Users whose reconnection attempts are refused (their network is down). */
const offline = new Set<string>();

/** A `ws` WebSocket that remembers itself per user and can be kept offline. */
function socketFor(user: string) {
  return class TrackedWebSocket extends WebSocket {
    constructor(url: string) {
      super(offline.has(user) ? 'ws://127.0.0.1:1' : url);
      sockets.set(user, [...(sockets.get(user) ?? []), this]);
    }
  };
}

let counter = 0;
/** A fresh user name per test, so tests do not see each other's calls. */
function name(base: string): string {
  counter += 1;
  return `${base}${counter}`;
}

async function connect(user: string, options: Partial<RingClientOptions> & { fake?: FakeMediaOptions } = {}): Promise<TestClient> {
  const made = createTestClient(
    websocketTransport({ url: server.url, user, WebSocket: socketFor(user) }),
    mediaHub,
    { timeouts: { connectMs: 3_000 }, ...options },
  );
  clients.push(made.client);
  await made.client.connect();
  return made;
}

/** Alice calls Bob, Bob answers: both active. */
async function inCall(alice: TestClient, bob: TestClient, bobUser: string) {
  await alice.client.call(bobUser, { video: true });
  await waitForClient(bob.client, (s) => s.incoming.length === 1, 3_000, 'ringing');
  await bob.client.accept();
  await waitForStatus(alice.client, 'active');
  await waitForStatus(bob.client, 'active');
}

/** Move the server's clock in steps until `done` holds (the server schedules its timers asynchronously). */
async function advanceUntil(ms: number, done: () => boolean, attempts = 40): Promise<void> {
  for (let attempt = 0; attempt < attempts && !done(); attempt += 1) {
    clock.advance(ms);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function ended(client: RingClient) {
  return waitForStatus(client, 'ended').then((snapshot) => ({ reason: snapshot.call?.endReason, by: snapshot.call?.endedBy }));
}

beforeAll(async () => {
  server = await startTestServer({ clock, ringTimeoutMs: RING_MS, graceMs: GRACE_MS, heartbeatMs: 60_000 });
});

afterEach(async () => {
  offline.clear();
  await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
  clients = [];
});

afterAll(async () => {
  await server.close();
});

describe('ring client over WebSockets', () => {
  it('authenticates with a token function and is welcomed', async () => {
    const user = name('tina');
    const made = createTestClient(websocketTransport({ url: server.url, WebSocket }), mediaHub, { token: () => tokenFor(user) });
    clients.push(made.client);
    await made.client.connect();
    expect(made.client.getSnapshot()).toMatchObject({ connection: 'connected', user });
  });

  it('refuses a bad token with a typed unauthorized error and stops retrying', async () => {
    const made = createTestClient(websocketTransport({ url: server.url, WebSocket }), mediaHub, { token: 'not-a-token' });
    clients.push(made.client);
    await expect(made.client.connect()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(made.client.getSnapshot()).toMatchObject({ connection: 'disconnected', error: { code: 'unauthorized' } });
  });

  it('runs a full video call with media, mute, switch and messages', async () => {
    const [a, b] = [name('alice'), name('bob')];
    const alice = await connect(a);
    const bob = await connect(b);
    const messages: unknown[] = [];
    bob.client.on('message', (message) => messages.push(message.data));
    await inCall(alice, bob, b);
    await waitForClient(alice.client, (s) => s.media?.remotes.some((p) => p.user === b) ?? false, 3_000, 'media peers');
    await bob.client.setCameraEnabled(false);
    await waitForClient(alice.client, (s) => s.call?.remote[b]?.cameraEnabled === false, 3_000, 'remote camera off');
    await alice.client.sendMessage('note', 'hi');
    await alice.client.switchMedia('audio');
    await waitForClient(bob.client, (s) => s.call?.members.find((m) => m.user === a)?.media === 'audio', 3_000, 'media update');
    expect(messages).toEqual(['hi']);
    await bob.client.hangup();
    expect(await ended(alice.client)).toEqual({ reason: 'completed', by: b });
    expect(await ended(bob.client)).toEqual({ reason: 'completed', by: b });
  });

  describe('end reasons, caller and callee', () => {
    it('cancelled', async () => {
      const [a, b] = [name('alice'), name('bob')];
      const alice = await connect(a);
      const bob = await connect(b);
      await alice.client.call(b);
      await waitForClient(bob.client, (s) => s.incoming.length === 1);
      await alice.client.cancel();
      expect(await ended(alice.client)).toEqual({ reason: 'cancelled', by: a });
      const missed = await waitForClient(bob.client, (s) => s.missed.length === 1);
      expect(missed.missed[0]).toMatchObject({ reason: 'cancelled', call: { from: a } });
    });

    /** Alice calls Bob, whose phone and laptop both ring. */
    async function ringPhoneAndLaptop() {
      const [a, b] = [name('alice'), name('bob')];
      const alice = await connect(a);
      const bobPhone = await connect(b);
      const bobLaptop = await connect(b);
      await alice.client.call(b);
      await waitForClient(bobLaptop.client, (s) => s.incoming.length === 1);
      await waitForClient(bobPhone.client, (s) => s.incoming.length === 1);
      return { b, alice, bobPhone, bobLaptop };
    }

    it('declined and declined-elsewhere', async () => {
      const { b, alice, bobPhone, bobLaptop } = await ringPhoneAndLaptop();
      await bobPhone.client.reject();
      expect(await ended(alice.client)).toEqual({ reason: 'declined', by: b });
      const laptop = await waitForClient(bobLaptop.client, (s) => s.incoming.length === 0);
      expect(laptop.missed).toEqual([]);
      expect(laptop.call).toMatchObject({ status: 'ended', endReason: 'declined-elsewhere' });
    });

    it('answered-elsewhere', async () => {
      const { alice, bobPhone, bobLaptop } = await ringPhoneAndLaptop();
      await bobPhone.client.accept();
      const laptop = await waitForClient(bobLaptop.client, (s) => s.incoming.length === 0);
      expect(laptop.missed).toEqual([]);
      expect(laptop.call).toMatchObject({ status: 'ended', endReason: 'answered-elsewhere' });
      await waitForStatus(alice.client, 'active');
      await expect(bobLaptop.client.accept()).rejects.toMatchObject({ code: 'no-call' });
    });

    it('busy (a waiting call declined), offline and do-not-disturb', async () => {
      const [a, b, c, d, e] = [name('alice'), name('bob'), name('carol'), name('dave'), name('erin')];
      const alice = await connect(a);
      const bob = await connect(b);
      const carol = await connect(c);
      const erin = await connect(e);
      await inCall(bob, carol, c);
      await alice.client.call(b);
      const waiting = await waitForClient(bob.client, (s) => s.incoming.length === 1, 3_000, 'a waiting call');
      await bob.client.reject(waiting.incoming[0]?.callId);
      expect(await ended(alice.client)).toEqual({ reason: 'busy', by: b });
      await alice.client.call(d);
      expect(await ended(alice.client)).toEqual({ reason: 'offline', by: null });
      await erin.client.setPresence('do-not-disturb');
      await alice.client.call(e);
      expect(await ended(alice.client)).toEqual({ reason: 'do-not-disturb', by: null });
      expect(erin.client.getSnapshot().incoming).toEqual([]);
    });

    it('no-answer (the server ring timer) for the caller, a missed call for the callee', async () => {
      const [a, b] = [name('alice'), name('bob')];
      const alice = await connect(a);
      const bob = await connect(b);
      await alice.client.call(b);
      await waitForClient(bob.client, (s) => s.incoming.length === 1);
      clock.advance(RING_MS);
      expect(await ended(alice.client)).toEqual({ reason: 'no-answer', by: null });
      const snapshot = await waitForClient(bob.client, (s) => s.missed.length === 1);
      expect(snapshot.missed[0]?.reason).toBe('no-answer');
      const history = await bob.client.history();
      expect(history[0]).toMatchObject({ direction: 'incoming', missed: true, reason: 'no-answer', peers: [a] });
    });

    it('media-failed when the media server cannot be reached', async () => {
      const [a, b] = [name('alice'), name('bob')];
      const alice = await connect(a, { fake: { failJoin: true } });
      const bob = await connect(b);
      await alice.client.call(b);
      expect(await ended(alice.client)).toEqual({ reason: 'media-failed', by: a });
      expect(alice.client.getSnapshot().error?.code).toBe('media');
      const missed = await waitForClient(bob.client, (s) => s.missed.length === 1);
      expect(missed.missed[0]).toMatchObject({ reason: 'cancelled', call: { from: a } });
    });

    it('failed when the server refuses the invite', async () => {
      const a = name('alice');
      const alice = await connect(a);
      await expect(alice.client.call(a)).rejects.toMatchObject({ code: 'bad-message' });
      expect(alice.client.getSnapshot().call).toMatchObject({ status: 'ended', endReason: 'failed' });
    });

    it('connection-lost when a member does not come back within the grace period', async () => {
      const [a, b] = [name('alice'), name('bob')];
      const alice = await connect(a);
      const bob = await connect(b);
      await inCall(alice, bob, b);
      offline.add(a);
      sockets.get(a)?.at(-1)?.terminate();
      await waitForClient(alice.client, (s) => s.connection === 'reconnecting');
      await advanceUntil(GRACE_MS, () => bob.client.getSnapshot().call?.status === 'ended');
      // The server names the member whose connection was lost.
      expect(await ended(bob.client)).toEqual({ reason: 'connection-lost', by: a });
      offline.delete(a);
      await waitForClient(alice.client, (s) => s.connection === 'connected', 5_000, 'alice back');
      expect(await ended(alice.client)).toEqual({ reason: 'connection-lost', by: null });
    });
  });

  it('survives a dropped socket mid-call: reconnects, resumes the session, the call goes on', async () => {
    const [a, b] = [name('alice'), name('bob')];
    const alice = await connect(a);
    const bob = await connect(b);
    await inCall(alice, bob, b);
    const before = alice.client.getSnapshot().device;
    sockets.get(a)?.at(-1)?.terminate();
    await waitForClient(alice.client, (s) => s.connection === 'reconnecting');
    await waitForClient(alice.client, (s) => s.connection === 'connected', 5_000, 'reconnected');
    expect(alice.client.getSnapshot().device).toBe(before);
    expect(alice.client.getSnapshot().call?.status).toBe('active');
    await alice.client.setMicrophoneEnabled(false);
    await alice.client.hangup();
    expect(await ended(bob.client)).toEqual({ reason: 'completed', by: a });
  });

  it('presence of watched users follows connections and do-not-disturb', async () => {
    const [a, b] = [name('alice'), name('bob')];
    const alice = await connect(a);
    await alice.client.watch([b]);
    await waitForClient(alice.client, (s) => s.watched[b] === 'offline');
    const bob = await connect(b);
    await waitForClient(alice.client, (s) => s.watched[b] === 'available');
    await bob.client.setPresence('do-not-disturb');
    await waitForClient(alice.client, (s) => s.watched[b] === 'do-not-disturb');
    await bob.client.disconnect();
    await advanceUntil(GRACE_MS, () => alice.client.getSnapshot().watched[b] === 'offline');
    await waitForClient(alice.client, (s) => s.watched[b] === 'offline', 3_000, 'bob offline');
  });

  it('history lists both sides of a completed call', async () => {
    const [a, b] = [name('alice'), name('bob')];
    const alice = await connect(a);
    const bob = await connect(b);
    await inCall(alice, bob, b);
    await alice.client.hangup();
    await ended(bob.client);
    const [aliceHistory, bobHistory] = await Promise.all([alice.client.history(5), bob.client.history(5)]);
    expect(aliceHistory[0]).toMatchObject({ direction: 'outgoing', peers: [b], reason: 'completed', missed: false });
    expect(bobHistory[0]).toMatchObject({ direction: 'incoming', peers: [a], reason: 'completed', missed: false });
  });
});
