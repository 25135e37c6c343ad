/**
 * Story worlds: an in-process signaling hub (the real call rules) and fake media,
 * with ring clients for Alice, Bob and friends. No server, no camera needed.
 *
 * @packageDocumentation
 */
import type { ReactNode } from 'react';
import type { RingClientSnapshot } from '../../src/core/client/types.js';
import { createMediaEffects } from '../../src/core/media/effects-store.js';
import { createFakeMedia, createFakeMediaHub, type FakeMediaOptions, type FakeMediaSession } from '../../src/testing/fake-media.js';
import { createRingClient, type RingClient } from '../../src/core/ring-client.js';
import { PROTOCOL_VERSION } from '../../src/protocol/protocol.js';
import { createMemoryHub, type MemoryHubOptions } from '../../src/testing/memory-hub.js';
import { RingProvider } from '../../src/react/provider.js';
import type { UserLookup } from '../../src/react/components/users.js';
import './phone.css';

/** People in the stories. */
export const PEOPLE: Readonly<Record<string, { name: string }>> = {
  alice: { name: 'Alice Chen' },
  bob: { name: 'Bob Marley' },
  carol: { name: 'Carol Smith' },
  dave: { name: 'Dave Li' },
};

/** Names for the components. */
export const getUser: UserLookup = (id) => PEOPLE[id];

/** One story's hub, media rooms and clients. */
export interface StoryWorld {
  /** A connected ring client for `user` (one device); fake media per call. */
  client(user: string, media?: FakeMediaOptions): Promise<RingClient>;
  /** A client for `user` that is never connected (offline). */
  offlineClient(user: string): RingClient;
  /** A device of `user` that is online but never acknowledges a call, so callers stay in `calling`. */
  silentDevice(user: string): Promise<void>;
  /** The fake media sessions made for `user`, newest last. */
  media(user: string): FakeMediaSession[];
  /** Drop every connection of `user` like a lost network. */
  drop(user: string): void;
  /** Disconnect everyone and stop timers. */
  close(): void;
}

const openWorlds = new Set<StoryWorld>();

/**
 * A fresh world; closed by {@link closeWorlds} (the stories' `beforeEach` cleanup).
 *
 * @example
 * ```ts
 * const world = createStoryWorld();
 * const alice = await world.client('alice');
 * ```
 */
export function createStoryWorld(options: MemoryHubOptions = {}): StoryWorld {
  const hub = createMemoryHub({ ringTimeoutMs: 60_000, graceMs: 5_000, ...options });
  const rooms = createFakeMediaHub();
  const clients: RingClient[] = [];
  const sessions = new Map<string, FakeMediaSession[]>();
  const make = (user: string, media: FakeMediaOptions = {}) => {
    // Each person has their own effects (nothing remembered between stories); their calls' media follows them.
    const effects = media.effects ?? createMediaEffects({ storage: null });
    const client = createRingClient({
      user,
      transport: hub.transport(user),
      effects,
      media: () => {
        const session = createFakeMedia({ hub: rooms, user, statsIntervalMs: 0, effects, ...media });
        sessions.set(user, [...(sessions.get(user) ?? []), session]);
        return session;
      },
    });
    clients.push(client);
    return client;
  };
  const world: StoryWorld = {
    async client(user, media) {
      const client = make(user, media);
      await client.connect();
      return client;
    },
    offlineClient: (user) => make(user),
    async silentDevice(user) {
      const transport = hub.transport(user)();
      await transport.open();
      await new Promise<void>((resolve) => {
        const stop = transport.onMessage((message) => {
          if (message.type === 'welcome') {
            stop();
            resolve();
          }
        });
        transport.send({ type: 'hello', id: 'story-hello', version: PROTOCOL_VERSION });
      });
    },
    media: (user) => sessions.get(user) ?? [],
    drop: (user) => hub.drop(user),
    close() {
      openWorlds.delete(world);
      for (const client of clients) void client.disconnect().catch(() => undefined);
      hub.close();
    },
  };
  openWorlds.add(world);
  return world;
}

/**
 * Close every open world (use as a story `beforeEach` cleanup).
 *
 * @example
 * ```ts
 * const meta = { beforeEach: () => closeWorlds };
 * ```
 */
export function closeWorlds(): void {
  for (const world of [...openWorlds]) world.close();
}

/**
 * Resolves once `client`'s snapshot satisfies `predicate`; rejects after `timeoutMs`.
 *
 * @example
 * ```ts
 * await until(bob, (s) => s.incoming.length > 0);
 * ```
 */
export function until(
  client: RingClient,
  predicate: (snapshot: RingClientSnapshot) => boolean,
  timeoutMs = 5_000,
): Promise<RingClientSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const snapshot = client.getSnapshot();
      if (!predicate(snapshot)) return false;
      cleanup();
      resolve(snapshot);
      return true;
    };
    const stop = client.subscribe(() => void check());
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`story state not reached in ${timeoutMs} ms: ${JSON.stringify(client.getSnapshot().call?.status)}`));
    }, timeoutMs);
    const cleanup = () => {
      stop();
      clearTimeout(timer);
    };
    check();
  });
}

/**
 * A phone-sized frame with its own provider, for one user.
 *
 * @example
 * ```tsx
 * <Phone client={alice} label="Alice"><CallView /></Phone>
 * ```
 */
export function Phone({
  client,
  label,
  wide = false,
  children,
}: {
  client: RingClient;
  label: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <RingProvider client={client} connect={false}>
      <section aria-label={label} className={wide ? 'story-phone story-phone--wide' : 'story-phone'}>
        <h2 className="story-phone__title">{label}</h2>
        {children}
      </section>
    </RingProvider>
  );
}
