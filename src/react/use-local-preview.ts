'use client';
/**
 * `useLocalPreview`: a camera (and optionally microphone) preview before a call.
 *
 * @packageDocumentation
 */
import { useCallback, useEffect, useState } from 'react';
import type { CaptureOptions } from '../core/media/types.js';
import type { MediaEffectsSnapshot } from '../core/media/effects-store.js';
import { createLocalPreview, type LocalPreviewSnapshot } from '../core/media/preview.js';
import { shallowEqual } from './shallow-equal.js';
import { type MediaEffectsSource, useMediaEffectsStore } from './use-media-effects.js';
import { type DeviceManagerSource, useDeviceManager } from './use-media-devices.js';
import { useStoreSelector } from './use-store-selector.js';

/** Options of {@link useLocalPreview}. */
export interface UseLocalPreviewOptions extends DeviceManagerSource, MediaEffectsSource {
  /** Capture the camera (default true). */
  video?: boolean;
  /** Capture the microphone (default false). */
  audio?: boolean;
  /** The camera (default: the one selected with `useMediaDevices`). */
  deviceId?: string;
  /** The microphone (default: the one selected with `useMediaDevices`). */
  audioDeviceId?: string;
  /** Resolution, frame rate and audio processing. */
  capture?: CaptureOptions;
  /** Capture only while true (default true). */
  enabled?: boolean;
  /** Show the camera with the chosen background effect (`useVideoEffects`; default true). */
  withEffects?: boolean;
}

/** What {@link useLocalPreview} returns. */
export interface LocalPreviewState extends LocalPreviewSnapshot {
  /** A ref for a `<video>`: shows the stream, muted and inline. */
  videoRef(element: HTMLVideoElement | null): void;
}

const wholePreview = (snapshot: LocalPreviewSnapshot) => snapshot;
const chosenEffect = (snapshot: MediaEffectsSnapshot) => snapshot.video;

/**
 * Capture the camera for a preview before a call: the selected camera
 * unless `deviceId` says otherwise, with the chosen background effect (`useVideoEffects`), restarted when a choice changes,
 * every track stopped on unmount. Errors are typed (`permission-denied`,
 * `not-found`, `in-use`...).
 *
 * @example
 * ```tsx
 * function Preview() {
 *   const { videoRef, status, error } = useLocalPreview({ capture: { resolution: '480p' } });
 *   if (error) return <p role="alert">{error.message}</p>;
 *   return <video ref={videoRef} data-state={status} autoPlay />;
 * }
 * ```
 */
export function useLocalPreview(options: UseLocalPreviewOptions = {}): LocalPreviewState {
  const { video = true, audio = false, enabled = true, withEffects = true } = options;
  const manager = useDeviceManager(options);
  const effects = useMediaEffectsStore(options);
  // The effect restarts the preview when it changes (the store itself is read on start).
  const effect = useStoreSelector(effects, chosenEffect);
  const devices = useStoreSelector(
    manager,
    ({ supported, ready, selected }) => ({ supported, ready, videoinput: selected.videoinput, audioinput: selected.audioinput }),
    shallowEqual,
  );
  const [preview] = useState(() => createLocalPreview());
  const snapshot = useStoreSelector(preview, wholePreview);
  const chosen = options.deviceId !== undefined || !devices.supported;
  const ready = chosen || devices.ready;
  const cameraId = options.deviceId ?? (devices.ready ? devices.videoinput : undefined);
  const microphoneId = options.audioDeviceId ?? (devices.ready ? devices.audioinput : undefined);
  const captureKey = JSON.stringify(options.capture ?? {});

  useEffect(() => {
    if (!enabled || !ready) {
      preview.stop();
      return;
    }
    const capture = JSON.parse(captureKey) as CaptureOptions;
    const shown = withEffects && effect.type !== 'none' ? { effects } : {};
    void preview.start({ video, audio, deviceId: cameraId, audioDeviceId: microphoneId, capture, ...shown }).then((result) => {
      // Labels and ids appear once access is granted.
      if (result.status === 'live') void manager.refresh();
    });
  }, [preview, manager, enabled, ready, video, audio, cameraId, microphoneId, captureKey, effects, effect, withEffects]);

  useEffect(() => () => preview.stop(), [preview]);

  const stream = snapshot.stream;
  const videoRef = useCallback(
    (element: HTMLVideoElement | null) => {
      if (!element) return;
      element.muted = true;
      element.playsInline = true;
      if (element.srcObject !== (stream ?? null)) element.srcObject = stream ?? null;
    },
    [stream],
  );
  return { ...snapshot, videoRef };
}
