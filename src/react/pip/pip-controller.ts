/**
 * The picture-in-picture window of a ring client's call: one per client, shared by every
 * `usePictureInPicture()`, so the control in `<CallControls>` and your own code see the same window.
 *
 * @packageDocumentation
 */
import type { ReactNode } from 'react';
import type { TrackHandle } from '../../core/media/types.js';
import { addListener } from '../../core/listeners.js';
import { hasLiveCall } from '../../core/page/close-protection.js';
import type { RingClient, RingClientSnapshot } from '../../core/ring-client.js';
import { RingError } from '../../core/errors.js';
import type { RingMessageOverrides } from '../i18n/messages.js';
import { openDocumentWindow } from './document-pip.js';
import { bindCallActions, callMediaSession, setAction } from './media-session-controls.js';
import type { PictureInPictureSession } from './pip-session.js';
import { documentPictureInPicture, pictureInPictureMode, type PictureInPictureMode } from './pip-support.js';
import { openVideoWindow, type VideoPictureInPictureSession } from './video-pip.js';

/** What a picture-in-picture window of a client is doing. @internal */
export interface PictureInPictureSnapshot {
  /** The kind of window open now, or null. */
  active: PictureInPictureMode | null;
  /** A window is being opened. */
  opening: boolean;
  /** Why the last attempt failed (cleared by the next window that opens). */
  error: Error | null;
}

/** What a window shows and how (Document Picture-in-Picture; video windows show the remote video). @internal */
export interface PictureInPictureRequest {
  content: ReactNode;
  title: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  messages: RingMessageOverrides;
  width: number;
  height: number;
}

/** The picture-in-picture window of one client. @internal */
export interface PictureInPictureController {
  getSnapshot(): PictureInPictureSnapshot;
  subscribe(listener: () => void): () => void;
  /** Open a window for the current call (needs a user activation); rejects with why not. */
  open(request: PictureInPictureRequest): Promise<void>;
  close(): void;
  /** Open the window by itself when the person leaves the tab during a call, until the returned function runs. */
  enableAuto(request: () => PictureInPictureRequest): () => void;
}

const IDLE: PictureInPictureSnapshot = { active: null, opening: false, error: null };

/** The first remote camera to show in a video window. */
function remoteVideo(snapshot: RingClientSnapshot): TrackHandle | undefined {
  return snapshot.media?.remotes.find((participant) => participant.cameraEnabled && participant.videoTrack)?.videoTrack;
}

function createController(client: RingClient): PictureInPictureController {
  const listeners = new Set<() => void>();
  let state = IDLE;
  let session: PictureInPictureSession | null = null;
  let video: VideoPictureInPictureSession | null = null;
  let opening: Promise<void> | null = null;
  let openedByItself = false;
  const autoRequests: Array<() => PictureInPictureRequest> = [];
  let unwatch: (() => void) | null = null;
  let autoArmed = false;

  const set = (patch: Partial<PictureInPictureSnapshot>) => {
    state = { ...state, ...patch };
    for (const listener of [...listeners]) listener();
  };

  const fail = (error: Error): Error => {
    set({ error, opening: false });
    return error;
  };

  const openWindow = async (mode: PictureInPictureMode, request: PictureInPictureRequest): Promise<PictureInPictureSession> => {
    const api = documentPictureInPicture();
    if (mode === 'document' && api) {
      return openDocumentWindow(api, {
        ...request,
        render: async (container) => {
          const { renderPictureInPicture } = await import('./pip-window-root.js');
          return renderPictureInPicture(container, { client, content: request.content, locale: request.lang, messages: request.messages });
        },
      });
    }
    const track = remoteVideo(client.getSnapshot());
    if (!track) throw new DOMException('Nobody in the call shows video yet', 'InvalidStateError');
    const opened = await openVideoWindow(track);
    video = opened;
    opened.onClosed(bindCallActions(client));
    return opened;
  };

  const onVisibility = () => {
    if (document.visibilityState === 'visible' && openedByItself) controller.close();
  };

  /** Follow the call while a window is open or automatic mode is on: close at its end, arm auto during it. */
  const follow = () => {
    const snapshot = client.getSnapshot();
    const live = hasLiveCall(snapshot);
    if (!live) controller.close();
    const track = video ? remoteVideo(snapshot) : undefined;
    if (video && track) video.show(track);
    const armed = live && autoRequests.length > 0;
    if (armed !== autoArmed) arm(armed);
    if (!session && !opening && autoRequests.length === 0) {
      unwatch?.();
      unwatch = null;
    }
  };

  const watch = () => {
    unwatch ??= client.subscribe(follow);
  };

  const arm = (on: boolean) => {
    autoArmed = on;
    const mediaSession = callMediaSession();
    if (!mediaSession) return;
    if (on) {
      // Chrome calls this when the person switches away from a tab that uses the camera or microphone.
      setAction(mediaSession, 'enterpictureinpicture', () => {
        const latest = autoRequests.at(-1);
        if (!latest || session) return;
        controller.open(latest()).then(
          () => {
            openedByItself = true;
          },
          () => undefined, // on the snapshot's `error`
        );
      });
      document.addEventListener('visibilitychange', onVisibility);
    } else {
      setAction(mediaSession, 'enterpictureinpicture', null);
      document.removeEventListener('visibilitychange', onVisibility);
    }
  };

  const controller: PictureInPictureController = {
    getSnapshot: () => state,
    subscribe: (listener) => addListener(listeners, listener),
    open(request) {
      if (session) return Promise.resolve();
      if (opening) return opening;
      const mode = pictureInPictureMode();
      if (!mode) return Promise.reject(fail(new DOMException('This browser has no picture-in-picture', 'NotSupportedError')));
      if (!hasLiveCall(client.getSnapshot())) return Promise.reject(fail(new RingError('no-call', 'There is no call to show')));
      set({ opening: true });
      watch();
      opening = openWindow(mode, request).then(
        (opened) => {
          opening = null;
          session = opened;
          openedByItself = false;
          opened.onClosed(() => {
            session = null;
            video = null;
            openedByItself = false;
            set({ active: null });
            follow();
          });
          set({ active: mode, opening: false, error: null });
          follow(); // the call may have ended meanwhile
        },
        (error: unknown) => {
          opening = null;
          follow();
          throw fail(error instanceof Error ? error : new Error(String(error)));
        },
      );
      return opening;
    },
    close() {
      session?.close();
    },
    enableAuto(request) {
      autoRequests.push(request);
      watch();
      follow();
      return () => {
        autoRequests.splice(autoRequests.indexOf(request), 1);
        follow();
      };
    },
  };
  return controller;
}

const controllers = new WeakMap<RingClient, PictureInPictureController>();

/**
 * The picture-in-picture window of `client`'s calls (made on first use).
 *
 * @example
 * ```ts
 * const pip = pictureInPictureOf(client);
 * pip.subscribe(() => console.log(pip.getSnapshot().active));
 * ```
 *
 * @internal
 */
export function pictureInPictureOf(client: RingClient): PictureInPictureController {
  let controller = controllers.get(client);
  if (!controller) {
    controller = createController(client);
    controllers.set(client, controller);
  }
  return controller;
}
