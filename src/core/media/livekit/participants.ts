/**
 * LiveKit participants as ringkit {@link ParticipantView}s.
 *
 * @packageDocumentation
 */
import type { Participant, Track } from 'livekit-client';
import { userOfIdentity } from '../inputs.js';
import type { ConnectionQuality, ParticipantView, TrackHandle } from '../types.js';

/**
 * The participant attribute that carries the ringkit user id (set in the LiveKit token).
 *
 * @example
 * ```ts
 * new AccessToken(key, secret, { identity: 'alice#k3f9', name: 'alice', attributes: { [USER_ATTRIBUTE]: 'alice' } });
 * ```
 */
export const USER_ATTRIBUTE = 'ringkit.user';

const QUALITIES: readonly string[] = ['excellent', 'good', 'poor', 'lost', 'unknown'];

/** The `Track.Source` values the views read, from the loaded `livekit-client`. */
export interface TrackSources {
  Camera: Track.Source;
  Microphone: Track.Source;
  ScreenShare: Track.Source;
}

const handles = new WeakMap<Track, TrackHandle>();

/**
 * A stable {@link TrackHandle} for a LiveKit track (the same object for the
 * same track, so tiles do not re-attach on every snapshot).
 *
 * @example
 * ```ts
 * trackHandle(publication.track).attach?.(videoElement);
 * ```
 */
export function trackHandle(track: Track, kind: 'audio' | 'video'): TrackHandle {
  let handle = handles.get(track);
  if (!handle) {
    handle = {
      kind,
      get mediaStreamTrack() {
        return track.mediaStreamTrack;
      },
      attach: (element) => track.attach(element),
      detach: (element) => track.detach(element),
    };
    handles.set(track, handle);
  }
  return handle;
}

/**
 * The ringkit user of a participant: the `ringkit.user` or `user` attribute,
 * else its name, else the identity before `#`.
 *
 * @example
 * ```ts
 * userOfParticipant(participant); // 'alice' for identity 'alice#k3f9'
 * ```
 */
export function userOfParticipant(participant: Pick<Participant, 'identity' | 'name' | 'attributes'>): string {
  const attributes = participant.attributes;
  return attributes[USER_ATTRIBUTE] || attributes.user || participant.name || userOfIdentity(participant.identity);
}

/**
 * Build the view of one participant: mic and camera from their publications'
 * muted state, speaking, connection quality, screen sharing, and track handles
 * (the video track only while the camera is on, so a tile never shows a stopped track).
 *
 * @example
 * ```ts
 * const remotes = [...room.remoteParticipants.values()].map((p) => participantView(p, Track.Source));
 * ```
 */
export function participantView(participant: Participant, sources: TrackSources): ParticipantView {
  const mic = participant.getTrackPublication(sources.Microphone);
  const camera = participant.getTrackPublication(sources.Camera);
  const screen = participant.getTrackPublication(sources.ScreenShare);
  const quality = String(participant.connectionQuality);
  const view: ParticipantView = {
    identity: participant.identity,
    user: userOfParticipant(participant),
    isLocal: participant.isLocal,
    micEnabled: mic !== undefined && !mic.isMuted,
    cameraEnabled: camera !== undefined && !camera.isMuted,
    speaking: participant.isSpeaking,
    quality: QUALITIES.includes(quality) ? (quality as ConnectionQuality) : 'unknown',
  };
  if (camera?.track && view.cameraEnabled) view.videoTrack = trackHandle(camera.track, 'video');
  if (mic?.track) view.audioTrack = trackHandle(mic.track, 'audio');
  if (screen && !screen.isMuted) {
    view.screenSharing = true;
    if (screen.track) view.screenShareTrack = trackHandle(screen.track, 'video');
  }
  return view;
}
