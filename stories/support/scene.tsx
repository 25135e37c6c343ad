/**
 * Story scenes: a world plus clients brought into a call state by a loader, so the
 * story renders in that state at once. The world closes when the story unmounts.
 *
 * @packageDocumentation
 */
import { useEffect, type ReactNode } from 'react';
import type { RingClient } from '../../src/core/ring-client.js';
import type { Media } from '../../src/protocol/protocol.js';
import type { MemoryHubOptions } from '../../src/testing/memory-hub.js';
import { createStoryWorld, until, type StoryWorld } from './world.js';

/** A world and the named clients a loader made in it. */
export interface Scene {
  world: StoryWorld;
  /** The client of a user; throws for a user the loader did not make. */
  client(user: string): RingClient;
}

function isScene(value: unknown): value is Scene {
  return typeof value === 'object' && value !== null && 'world' in value && 'client' in value;
}

/**
 * A story loader: makes a world, runs `setup`, and hands the scene to the story as `loaded.scene`.
 *
 * @example
 * ```ts
 * loaders: [loadScene(async (world) => ({ alice: await world.client('alice') }))]
 * ```
 */
export function loadScene(
  setup: (world: StoryWorld) => Promise<Record<string, RingClient>>,
  options?: MemoryHubOptions,
): () => Promise<{ scene: Scene }> {
  return async () => {
    const world = createStoryWorld(options);
    try {
      const clients = await setup(world);
      const scene: Scene = {
        world,
        client(user) {
          const client = clients[user];
          if (!client) throw new Error(`no client for ${user} in this scene`);
          return client;
        },
      };
      return { scene };
    } catch (error) {
      world.close();
      throw error;
    }
  };
}

/**
 * The scene a loader made.
 *
 * @example
 * ```tsx
 * render: (args, { loaded }) => <CallView client={sceneOf(loaded).client('alice')} />
 * ```
 */
export function sceneOf(loaded: Record<string, unknown>): Scene {
  const scene = loaded.scene;
  if (!isScene(scene)) throw new Error('this story needs a loadScene loader');
  return scene;
}

/**
 * Closes the scene's world when the story unmounts.
 *
 * @example
 * ```tsx
 * <SceneScope scene={scene}><CallView /></SceneScope>
 * ```
 */
export function SceneScope({ scene, children }: { scene: Scene; children: ReactNode }) {
  useEffect(() => () => scene.world.close(), [scene]);
  return <>{children}</>;
}

/**
 * `from` calls `to`; resolves once a device of `to` rings (`from` is `ringing`).
 *
 * @example
 * ```ts
 * await ring(alice, bob, 'video');
 * ```
 */
export async function ring(from: RingClient, to: RingClient | RingClient[], media: Media = 'audio'): Promise<void> {
  const callees = Array.isArray(to) ? to : [to];
  const ids = callees.map((client) => client.getSnapshot().user ?? '');
  await from.call(ids.length === 1 ? (ids[0] ?? '') : ids, { video: media === 'video' });
  await Promise.all(callees.map((client) => until(client, (s) => s.incoming.length > 0)));
  await until(from, (s) => s.call?.status === 'ringing');
}

/**
 * `from` calls `to` and every callee accepts; resolves once the caller is `active`.
 *
 * @example
 * ```ts
 * await answered(alice, bob, 'video');
 * ```
 */
export async function answered(from: RingClient, to: RingClient | RingClient[], media: Media = 'audio'): Promise<void> {
  const callees = Array.isArray(to) ? to : [to];
  await ring(from, callees, media);
  for (const callee of callees) {
    await callee.accept(undefined, { video: media === 'video' });
    await until(callee, (s) => s.call?.status === 'active');
  }
  await until(from, (s) => s.call?.status === 'active');
}
