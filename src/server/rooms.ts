/**
 * LiveKit room clean-up off the call path. Rooms close themselves (the
 * tokens set a short departure timeout), so a call's end costs no request;
 * the janitor checks the rooms of ended calls in batches (one `ListRooms`
 * for all rooms due) and deletes only those still open, where someone
 * lingers. A member removed from a call that goes on is taken out of the room
 * at once.
 *
 * @packageDocumentation
 */
import { RoomServiceClient } from 'livekit-server-sdk';
import type { ServerLog } from './logging/server-log.js';
import type { ServerMetrics } from './metrics/server-metrics.js';
import type { LiveKitOptions } from './tokens.js';

/** Default wait after a call ended before its room is checked (ms); see `LiveKitOptions.roomCheckMs`. */
export const ROOM_CHECK_AFTER_MS = 8_000;
/** Most rooms one `ListRooms` request asks about. */
const BATCH = 100;

/**
 * Keeps LiveKit rooms no longer than their calls.
 *
 * @example
 * ```ts
 * const janitor = createRoomJanitor(livekit, console.log);
 * const service = createCallService({ onCallEnded: (call) => janitor.callEnded(call.room) });
 * ```
 */
export interface RoomJanitor {
  /** A call ended: its room is deleted if still open after the check delay. */
  callEnded(room: string): void;
  /** A member was removed from a call that goes on: disconnect their device from the room now. */
  memberRemoved(room: string, identity: string): void;
  /** Stop checking (rooms still due close themselves). */
  close(): void;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Make a room janitor on LiveKit's RoomService. Failures are logged (and
 * counted in `metrics`, with the time of each deletion), never thrown.
 *
 * @example
 * ```ts
 * const janitor = createRoomJanitor({ url, apiKey, apiSecret }, console.log);
 * janitor.callEnded('c1');
 * ```
 */
export function createRoomJanitor(
  options: LiveKitOptions,
  log: ServerLog,
  metrics?: Pick<ServerMetrics, 'livekitRoomDelete' | 'livekitRoomDeleteFailures'>,
): RoomJanitor {
  const checkAfterMs = options.roomCheckMs ?? ROOM_CHECK_AFTER_MS;
  const client = new RoomServiceClient(options.url, options.apiKey, options.apiSecret);
  const due: { room: string; at: number }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let sweeping = false;
  let closed = false;

  function arm(): void {
    const first = due[0];
    if (closed || sweeping || timer || !first) return;
    timer = setTimeout(() => {
      timer = undefined;
      void sweep();
    }, Math.max(0, first.at - Date.now()));
    timer.unref();
  }

  async function deleteOpen(rooms: string[]): Promise<void> {
    const open = await client.listRooms(rooms);
    for (const { name } of open) {
      const end = metrics?.livekitRoomDelete.startTimer();
      try {
        await client.deleteRoom(name);
        log(`room ${name} was still open after its call ended; deleted`, { event: 'livekit.room-deleted', callId: name });
      } catch (error) {
        metrics?.livekitRoomDeleteFailures.inc();
        log(`room ${name} could not be deleted: ${reason(error)}`, { level: 'warn', event: 'livekit.room-delete-failed', callId: name });
      }
      end?.();
    }
  }

  async function sweep(): Promise<void> {
    sweeping = true;
    try {
      while (!closed && (due[0]?.at ?? Infinity) <= Date.now()) {
        const now = Date.now();
        const notDue = due.findIndex((entry) => entry.at > now);
        const rooms = due.splice(0, Math.min(BATCH, notDue === -1 ? due.length : notDue)).map((entry) => entry.room);
        await deleteOpen(rooms).catch((error: unknown) => {
          metrics?.livekitRoomDeleteFailures.inc();
          log(`rooms ${rooms.join(', ')} could not be checked: ${reason(error)}`, { level: 'warn', event: 'livekit.room-check-failed' });
        });
      }
    } finally {
      sweeping = false;
      arm();
    }
  }

  return {
    callEnded(room) {
      if (closed) return;
      due.push({ room, at: Date.now() + checkAfterMs });
      arm();
    },
    memberRemoved(room, identity) {
      client.removeParticipant(room, identity).then(
        () => log(`${identity} removed from room ${room}`),
        (error: unknown) => log(`${identity} could not be removed from room ${room}: ${reason(error)}`),
      );
    },
    close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      due.length = 0;
    },
  };
}
