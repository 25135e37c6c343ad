/**
 * Hold in a LiveKit room: this device stops receiving the others' tracks
 * (unsubscribes) and takes them again on resume.
 *
 * @packageDocumentation
 */
import type * as LiveKit from 'livekit-client';

/**
 * Subscribe to, or unsubscribe from, every track the other participants publish.
 *
 * @example
 * ```ts
 * setRemoteSubscriptions(room, false); // on hold: nothing comes in
 * ```
 *
 * @internal
 */
export function setRemoteSubscriptions(room: LiveKit.Room, subscribed: boolean): void {
  for (const participant of room.remoteParticipants.values()) {
    for (const publication of participant.trackPublications.values()) publication.setSubscribed(subscribed);
  }
}
