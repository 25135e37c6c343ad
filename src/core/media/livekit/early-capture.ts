/**
 * Capture started at the accept click: the microphone and camera open while the
 * accept's round trip and the room connect run, and `join` publishes these tracks
 * instead of opening the devices only once connected.
 *
 * @packageDocumentation
 */
import type * as LiveKit from 'livekit-client';
import type { Media } from '../../../protocol/protocol.js';

/** Tracks being captured ahead of the join, for one media. */
export interface EarlyCapture {
  media: Media;
  tracks: Promise<LiveKit.LocalTrack[]>;
}

/**
 * Open the devices a call's media needs, with the room's capture defaults.
 *
 * @example
 * ```ts
 * const early = startEarlyCapture(room, 'video', { audio: { echoCancellation: true }, video: { resolution } });
 * ```
 */
export function startEarlyCapture(
  room: LiveKit.Room,
  media: Media,
  options: { audio: LiveKit.AudioCaptureOptions; video: LiveKit.VideoCaptureOptions },
): EarlyCapture {
  const tracks = room.localParticipant.createTracks({ audio: options.audio, video: media === 'video' ? options.video : false });
  tracks.catch(() => undefined); // a failed capture is retried device by device by the join
  return { media, tracks };
}

/**
 * Publish the early tracks; `false` when they cannot serve (another media, a failed capture
 * or publish), so the caller opens the devices itself (publishing an already published source again is a no-op).
 * `prepareVideo` runs on the camera track before it publishes (its background effect).
 *
 * @example
 * ```ts
 * if (!(await publishEarlyCapture(room, early, 'video', (camera) => effects.prepareCamera(camera)))) await openDevices();
 * ```
 */
export async function publishEarlyCapture(
  room: LiveKit.Room,
  early: EarlyCapture | undefined,
  media: Media,
  prepareVideo?: (track: LiveKit.LocalTrack) => Promise<void> | undefined,
): Promise<boolean> {
  if (!early) return false;
  const tracks = await early.tracks.catch(() => undefined);
  if (!tracks) return false;
  if (early.media !== media) {
    stopTracks(tracks);
    return false;
  }
  try {
    for (const track of tracks) if (track.kind === 'video') await prepareVideo?.(track);
    await Promise.all(tracks.map((track) => room.localParticipant.publishTrack(track)));
    return true;
  } catch {
    return false;
  }
}

/**
 * Stop early tracks that were never published (the session was left before its join).
 *
 * @example
 * ```ts
 * dropEarlyCapture(early);
 * ```
 */
export function dropEarlyCapture(early: EarlyCapture | undefined): void {
  void early?.tracks.then(stopTracks, () => undefined);
}

function stopTracks(tracks: readonly LiveKit.LocalTrack[]): void {
  for (const track of tracks) track.stop();
}
