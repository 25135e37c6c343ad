/**
 * Headless video tile: attaches a track to a `<video>` and returns prop bags.
 *
 * @packageDocumentation
 */
import { useCallback, type CSSProperties, type HTMLAttributes, type RefCallback } from 'react';
import type { ConnectionQuality, ParticipantView, TrackHandle } from '../core/media/types.js';
import { initialsOf } from './components/compose.js';
import { formatMessage, type RingMessages } from './i18n/messages.js';
import { useRingLanguage, useRingMessages, type LocaleProps } from './i18n/context.js';

/** How the video fills its tile. */
export type VideoFit = 'cover' | 'contain';

/** Options of {@link useVideoTile}. */
export interface UseVideoTileOptions extends LocaleProps {
  /** The participant to show (tracks, mute state, speaking, quality). */
  participant?: ParticipantView;
  /** A track to show instead of (or without) a participant. */
  track?: TrackHandle;
  /** Display name; defaults to the participant's user id. */
  name?: string;
  /** Avatar image shown while the camera is off; initials otherwise. */
  avatarUrl?: string;
  /** Mirror the video; defaults to on for this device's camera. */
  mirror?: boolean;
  /** `cover` (default) crops to fill, `contain` shows the whole frame. */
  fit?: VideoFit;
  /** Play the participant's microphone (default: on for remote participants). */
  playAudio?: boolean;
}

/** What the tile shows, derived from the options. */
export interface VideoTileState {
  name: string;
  isLocal: boolean;
  hasVideo: boolean;
  micMuted: boolean;
  speaking: boolean;
  quality: ConnectionQuality | undefined;
  mirrored: boolean;
  fit: VideoFit;
  initials: string;
}

/** Attributes for a tile's root element. */
export type VideoTileRootProps = HTMLAttributes<HTMLDivElement> & Record<`data-${string}`, string | undefined>;

/** What {@link useVideoTile} returns. */
export interface VideoTileBag {
  state: VideoTileState;
  /** The words the tile shows. */
  text: RingMessages;
  /** Accessible name of the tile. */
  label: string;
  rootProps: VideoTileRootProps;
  /** Spread on a `<video>`; absent while there is no video track. */
  videoProps?: {
    ref: RefCallback<HTMLVideoElement>;
    autoPlay: true;
    playsInline: true;
    muted: true;
    style: CSSProperties;
    'data-rk-mirrored'?: '';
  };
  /** Spread on an `<audio>`; absent unless the tile plays the participant's microphone. */
  audioProps?: { ref: RefCallback<HTMLAudioElement>; autoPlay: true };
}

/**
 * A ref callback that shows `track` in a media element: LiveKit tracks through
 * `attach`/`detach`, plain tracks through `srcObject`. Detaches on change and unmount.
 *
 * @example
 * ```tsx
 * const ref = useTrackRef(participant.videoTrack);
 * return <video ref={ref} autoPlay playsInline muted />;
 * ```
 */
export function useTrackRef<E extends HTMLMediaElement>(track: TrackHandle | undefined): RefCallback<E> {
  return useCallback(
    (element: E | null) => {
      if (!element || !track) return;
      if (track.attach) {
        track.attach(element);
        return () => {
          track.detach?.(element);
        };
      }
      if (typeof MediaStream !== 'undefined') element.srcObject = new MediaStream([track.mediaStreamTrack]);
      return () => {
        element.srcObject = null;
      };
    },
    [track],
  );
}

/**
 * Prop bags for a video tile: root attributes (`data-rk-*` state), the `<video>`
 * (mirrored for the local camera) and the remote `<audio>`.
 *
 * @example
 * ```tsx
 * function Tile({ participant }: { participant: ParticipantView }) {
 *   const { rootProps, videoProps, state } = useVideoTile({ participant });
 *   return (
 *     <div {...rootProps}>
 *       {videoProps ? <video {...videoProps} /> : <span>{state.initials}</span>}
 *     </div>
 *   );
 * }
 * ```
 */
export function useVideoTile(options: UseVideoTileOptions): VideoTileBag {
  const { participant, track, fit = 'cover', locale, messages } = options;
  const text = useRingMessages({ locale, messages });
  const language = useRingLanguage({ locale, messages });
  const videoTrack = track?.kind === 'video' ? track : participant?.videoTrack;
  const isLocal = participant?.isLocal ?? false;
  const hasVideo = Boolean(videoTrack) && (participant ? participant.cameraEnabled : true);
  const playAudio = options.playAudio ?? (participant !== undefined && !isLocal);
  const audioTrack = playAudio ? (track?.kind === 'audio' ? track : participant?.audioTrack) : undefined;
  const name = options.name ?? participant?.user ?? '';
  const mirrored = options.mirror ?? isLocal;
  const state: VideoTileState = {
    name,
    isLocal,
    hasVideo,
    micMuted: participant ? !participant.micEnabled : false,
    speaking: participant?.speaking ?? false,
    quality: participant?.quality,
    mirrored,
    fit,
    initials: initialsOf(name),
  };
  const videoRef = useTrackRef<HTMLVideoElement>(hasVideo ? videoTrack : undefined);
  const audioRef = useTrackRef<HTMLAudioElement>(audioTrack);
  const label = isLocal && name ? formatMessage(text.you, { name }) : name;
  return {
    state,
    text,
    label,
    rootProps: {
      role: 'group',
      'aria-label': label || undefined,
      ...language,
      'data-rk-fit': fit,
      'data-rk-camera': hasVideo ? 'on' : 'off',
      'data-rk-mic': state.micMuted ? 'off' : 'on',
      'data-rk-speaking': state.speaking ? '' : undefined,
      'data-rk-local': isLocal ? '' : undefined,
      'data-rk-quality': state.quality,
    },
    videoProps: hasVideo
      ? {
          ref: videoRef,
          autoPlay: true,
          playsInline: true,
          muted: true,
          style: { objectFit: fit, transform: mirrored ? 'scaleX(-1)' : undefined },
          'data-rk-mirrored': mirrored ? '' : undefined,
        }
      : undefined,
    audioProps: audioTrack ? { ref: audioRef, autoPlay: true } : undefined,
  };
}
