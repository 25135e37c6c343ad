import { RoomServiceClient } from 'livekit-server-sdk';
import { inject } from 'vitest';
import type { SharedLiveKit } from '../e2e/global-setup.js';

/** The run's shared livekit-server, with a RoomService client for it. */
export interface SharedLiveKitClient extends SharedLiveKit {
  rooms: RoomServiceClient;
}

/**
 * The livekit-server that `tests/e2e/global-setup.ts` started for this run.
 *
 * @example
 * ```ts
 * const livekit = sharedLiveKit();
 * expect(await livekit.rooms.listRooms()).toEqual([]);
 * ```
 */
export function sharedLiveKit(): SharedLiveKitClient {
  const livekit = inject('livekit');
  return { ...livekit, rooms: new RoomServiceClient(livekit.httpUrl, livekit.apiKey, livekit.apiSecret) };
}
