/**
 * Ring client test helpers: clients on a memory hub (or any transport) with
 * fake media, and bounded waits on a client's store.
 */
import { createFakeMedia, createFakeMediaHub, type FakeMediaHub, type FakeMediaOptions, type FakeMediaSession } from '../../src/testing/fake-media.js';
import { createDeviceManager } from '../../src/core/media/devices.js';
import { createRingClient, type RingClient, type RingClientOptions, type RingClientSnapshot } from '../../src/core/ring-client.js';
import { createMemoryHub, type MemoryHub, type MemoryHubOptions } from '../../src/testing/memory-hub.js';
import type { TransportFactory } from '../../src/core/signaling/transport.js';

/** A client plus the fake media sessions it made (newest last). */
export interface TestClient {
  client: RingClient;
  sessions: FakeMediaSession[];
}

/** Make a client over `transport` whose calls use fake media in `mediaHub`. */
export function createTestClient(
  transport: TransportFactory,
  mediaHub: FakeMediaHub,
  options: Partial<RingClientOptions> & { fake?: FakeMediaOptions } = {},
): TestClient {
  const sessions: FakeMediaSession[] = [];
  const { fake, ...clientOptions } = options;
  const client = createRingClient({
    transport,
    media: () => {
      const session = createFakeMedia({ hub: mediaHub, tracks: false, statsIntervalMs: 0, ...fake });
      sessions.push(session);
      return session;
    },
    devices: createDeviceManager({ mediaDevices: null, storage: null, permissions: null }),
    reconnect: { initialMs: 20, maxMs: 200 },
    requestTimeoutMs: 3_000,
    ...clientOptions,
  });
  return { client, sessions };
}

/** A memory hub and a way to make connected clients on it. */
export interface MemoryWorld {
  hub: MemoryHub;
  mediaHub: FakeMediaHub;
  /** A client for `user` (not yet connected). */
  client(user: string, options?: Partial<RingClientOptions> & { fake?: FakeMediaOptions }): TestClient;
  /** Disconnect every client and close the hub. */
  close(): Promise<void>;
}

/**
 * A memory hub world for client tests.
 *
 * @example
 * ```ts
 * const world = createMemoryWorld();
 * const alice = world.client('alice');
 * await alice.client.connect();
 * ```
 */
export function createMemoryWorld(hubOptions: MemoryHubOptions = {}): MemoryWorld {
  const hub = createMemoryHub(hubOptions);
  const mediaHub = createFakeMediaHub();
  const clients: RingClient[] = [];
  return {
    hub,
    mediaHub,
    client(user, options) {
      const made = createTestClient(hub.transport(user), mediaHub, options);
      clients.push(made.client);
      return made;
    },
    async close() {
      await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
      hub.close();
    },
  };
}

/**
 * Resolve with the client's snapshot once `predicate` holds; reject after `timeoutMs`.
 *
 * @example
 * ```ts
 * await waitForClient(bob, (s) => s.incoming.length === 1);
 * ```
 */
export function waitForClient(
  client: RingClient,
  predicate: (snapshot: RingClientSnapshot) => boolean,
  timeoutMs = 3_000,
  what = 'client state',
): Promise<RingClientSnapshot> {
  return new Promise((resolve, reject) => {
    if (predicate(client.getSnapshot())) {
      resolve(client.getSnapshot());
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last snapshot: ${JSON.stringify(summary(client.getSnapshot()))}`));
    }, timeoutMs);
    const unsubscribe = client.subscribe(() => {
      if (!predicate(client.getSnapshot())) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(client.getSnapshot());
    });
  });
}

/** The parts of a snapshot worth printing when a wait fails. */
function summary(snapshot: RingClientSnapshot) {
  return {
    connection: snapshot.connection,
    user: snapshot.user,
    incoming: snapshot.incoming.map((call) => call.callId),
    call: snapshot.call && { status: snapshot.call.status, endReason: snapshot.call.endReason, endedBy: snapshot.call.endedBy },
    error: snapshot.error && { code: snapshot.error.code, message: snapshot.error.message },
  };
}

/**
 * Wait until the client's current call has a status.
 *
 * @example
 * ```ts
 * await waitForStatus(alice, 'active');
 * ```
 */
export function waitForStatus(client: RingClient, status: NonNullable<RingClientSnapshot['call']>['status'], timeoutMs = 3_000) {
  return waitForClient(client, (snapshot) => snapshot.call?.status === status, timeoutMs, `call status ${status}`);
}
