/**
 * LiveKit's disconnect reasons mapped onto ringkit's end reasons.
 *
 * @packageDocumentation
 */
import type { DisconnectReason } from 'livekit-client';
import type { MediaEvent } from '../types.js';

/** The end reasons a media disconnect can carry. */
export type MediaEndReason = Extract<MediaEvent, { type: 'disconnected' }>['reason'];

/**
 * Map a LiveKit `DisconnectReason` onto an end reason: the call ended on
 * purpose (this client left, the room was deleted or closed, the participant
 * was removed) is `completed`; a failed join or media path (join failure,
 * media failure, a duplicate identity, an agent error) is `media-failed`;
 * everything else (signal closed, server shutdown, timeout, migration,
 * unknown) is `connection-lost`.
 *
 * `reasons` is the `DisconnectReason` enum of the loaded `livekit-client`
 * (passed in so this module imports no LiveKit value).
 *
 * @example
 * ```ts
 * room.on(RoomEvent.Disconnected, (reason) => end(endReasonOfDisconnect(reason, DisconnectReason)));
 * ```
 */
export function endReasonOfDisconnect(reason: DisconnectReason | undefined, reasons: typeof DisconnectReason): MediaEndReason {
  switch (reason) {
    case reasons.CLIENT_INITIATED:
    case reasons.ROOM_DELETED:
    case reasons.ROOM_CLOSED:
    case reasons.PARTICIPANT_REMOVED:
      return 'completed';
    case reasons.JOIN_FAILURE:
    case reasons.MEDIA_FAILURE:
    case reasons.DUPLICATE_IDENTITY:
    case reasons.AGENT_ERROR:
      return 'media-failed';
    default:
      return 'connection-lost';
  }
}
