/**
 * Video element picture-in-picture: the browser's own small window showing one video.
 *
 * @packageDocumentation
 */
import type { TrackHandle } from '../../core/media/types.js';
import { closeOnce, type PictureInPictureSession } from './pip-session.js';

/** A video picture-in-picture window whose video can be swapped. @internal */
export interface VideoPictureInPictureSession extends PictureInPictureSession {
  /** Show another track (the other person switched camera, or someone else's video). */
  show(track: TrackHandle): void;
}

/** The longest wait for the first frame's metadata before giving up. */
const METADATA_TIMEOUT_MS = 5_000;

function attach(video: HTMLVideoElement, track: TrackHandle): () => void {
  if (track.attach) {
    track.attach(video);
    return () => track.detach?.(video);
  }
  video.srcObject = new MediaStream([track.mediaStreamTrack]);
  return () => {
    video.srcObject = null;
  };
}

function metadataLoaded(video: HTMLVideoElement): Promise<void> {
  if (video.readyState >= HTMLMediaElement.HAVE_METADATA) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      video.removeEventListener('loadedmetadata', done);
      reject(new DOMException('The video did not start in time', 'InvalidStateError'));
    }, METADATA_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    video.addEventListener('loadedmetadata', done, { once: true });
  });
}

/**
 * Shows `track` in the browser's video picture-in-picture window, through a `<video>` element of
 * its own (muted: the page plays the audio). Needs a user activation, such as a click.
 *
 * @example
 * ```ts
 * const session = await openVideoWindow(remote.videoTrack);
 * ```
 *
 * @internal
 */
export async function openVideoWindow(track: TrackHandle): Promise<VideoPictureInPictureSession> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  let detach = attach(video, track);
  const session = closeOnce(() => {
    video.removeEventListener('leavepictureinpicture', session.close);
    if (document.pictureInPictureElement === video) void document.exitPictureInPicture().catch(() => undefined);
    detach();
  });
  try {
    await video.play();
    await metadataLoaded(video);
    await video.requestPictureInPicture();
  } catch (error) {
    session.close();
    throw error;
  }
  video.addEventListener('leavepictureinpicture', session.close);
  return {
    ...session,
    show(next) {
      detach();
      detach = attach(video, next);
      void video.play().catch(() => undefined);
    },
  };
}
