'use client';
/**
 * Picture-in-picture for the current call: a small always-on-top window with the other people's
 * video, Mute and Hang up.
 *
 * @packageDocumentation
 */
import { createElement, useCallback, useEffect, useRef, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { hasLiveCall } from '../core/page/close-protection.js';
import type { RingClient } from '../core/ring-client.js';
import { PictureInPictureCall } from './components/picture-in-picture-call.js';
import { displayNames, type UserLookup } from './components/users.js';
import { useRingLanguage, useRingMessages, type LocaleProps } from './i18n/context.js';
import { formatMessage } from './i18n/messages.js';
import { pictureInPictureOf, type PictureInPictureRequest } from './pip/pip-controller.js';
import { pictureInPictureMode, type PictureInPictureMode } from './pip/pip-support.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';
import { useStoreSelector } from './use-store-selector.js';

export type { PictureInPictureMode } from './pip/pip-support.js';

/** Options of {@link usePictureInPicture}. */
export interface UsePictureInPictureOptions extends LocaleProps {
  /**
   * Open the window by itself when the person switches away from the tab during a call, and close
   * it when they come back. Uses the Media Session `enterpictureinpicture` action, which Chrome and
   * Edge (134+) call for pages that use the camera or microphone; elsewhere nothing happens.
   * Default false.
   */
  auto?: boolean;
  /** What a Document Picture-in-Picture window shows (default `<PictureInPictureCall>`). */
  content?: ReactNode;
  /** Names and avatars for the default content. */
  getUser?: UserLookup;
  /** Initial window size in CSS pixels (default 360 × 270; the browser may clamp it). */
  width?: number;
  height?: number;
  /** Called when the button's open or close fails (the error is also in `error`). */
  onError?: (error: unknown) => void;
  /** A client other than the provider's. */
  client?: RingClient;
}

/** Attributes for a picture-in-picture toggle button. */
export interface PictureInPictureButtonProps {
  type: 'button';
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  'aria-pressed': boolean;
  'aria-disabled'?: true;
  'data-rk-control': 'picture-in-picture';
}

/** What {@link usePictureInPicture} returns. */
export interface UsePictureInPictureResult {
  /** Whether this browser has picture-in-picture (false during server rendering). */
  supported: boolean;
  /** Which kind it has: `document` (a window with controls) or `video` (the remote video only), or null. */
  mode: PictureInPictureMode | null;
  /** Whether a window can open now: supported, a live call, and (for `video`) someone's video to show. */
  available: boolean;
  /** Whether the window is open. */
  active: boolean;
  /** Open the window (call it from a click: browsers need a user activation). Rejects with why not. */
  open(): Promise<void>;
  /** Close the window. */
  close(): void;
  /** Open or close. */
  toggle(): Promise<void>;
  /** Why the last attempt failed: a `DOMException` from the browser (`NotAllowedError` without a click, `NotSupportedError`), or a `RingError` `no-call`. */
  error: Error | null;
  /** A toggle button (`aria-pressed` while open, `aria-disabled` while not available). */
  buttonProps: PictureInPictureButtonProps;
}

const noSubscription = () => () => undefined;

/**
 * Picture-in-picture for the current call. Where the browser has Document Picture-in-Picture
 * (Chrome, Edge) the window shows the other people's video with Mute and Hang up (your `content`
 * if given), styled by the page's stylesheets; elsewhere (Safari) the browser's video
 * picture-in-picture shows the remote video, with Mute, Camera and Hang up where the browser
 * offers them. The window closes when the call ends. One window per client: every use of this
 * hook (and the control in `<CallControls>`) shares it.
 *
 * @example
 * ```tsx
 * function PipButton() {
 *   const pip = usePictureInPicture({ auto: true });
 *   if (!pip.supported) return null;
 *   return (
 *     <button {...pip.buttonProps}>
 *       Picture-in-picture {pip.error ? `(${pip.error.message})` : null}
 *     </button>
 *   );
 * }
 * ```
 */
export function usePictureInPicture(options: UsePictureInPictureOptions = {}): UsePictureInPictureResult {
  const { auto = false, content, getUser, width = 360, height = 270, onError, locale, messages: overrides } = options;
  const client = useRingClient(options.client);
  const controller = pictureInPictureOf(client);
  const state = useStoreSelector(controller, (snapshot) => snapshot);
  const mode = useSyncExternalStore(noSubscription, pictureInPictureMode, () => null);
  const call = useRingSelector((snapshot) => ({
    live: hasLiveCall(snapshot),
    peers: snapshot.call?.peers,
    remoteVideo: snapshot.media?.remotes.some((participant) => participant.cameraEnabled && participant.videoTrack) ?? false,
  }), client, (a, b) => a.live === b.live && a.peers === b.peers && a.remoteVideo === b.remoteVideo);
  const messages = useRingMessages({ locale, messages: overrides });
  const language = useRingLanguage({ locale, messages: overrides });

  const build = (): PictureInPictureRequest => ({
    content: content ?? createElement(PictureInPictureCall, { getUser }),
    title: formatMessage(messages.callRegion, { name: displayNames(call.peers ?? [], getUser) }),
    lang: language.lang,
    dir: language.dir,
    messages,
    width,
    height,
  });
  // The latest request, read when a window opens (also by itself, in automatic mode).
  const request = useRef(build);
  useEffect(() => {
    request.current = build;
  });
  useEffect(() => (auto ? controller.enableAuto(() => request.current()) : undefined), [controller, auto]);

  const open = useCallback(() => controller.open(request.current()), [controller]);
  const close = useCallback(() => controller.close(), [controller]);
  const active = state.active !== null;
  const toggle = useCallback(() => (controller.getSnapshot().active ? Promise.resolve(controller.close()) : open()), [controller, open]);
  const available = mode !== null && call.live && (mode === 'document' || call.remoteVideo);
  return {
    supported: mode !== null,
    mode,
    available,
    active,
    open,
    close,
    toggle,
    error: state.error,
    buttonProps: {
      type: 'button',
      'data-rk-control': 'picture-in-picture',
      'aria-pressed': active,
      'aria-disabled': available || active ? undefined : true,
      onClick: () => {
        if (available || active) toggle().catch((error: unknown) => onError?.(error));
      },
    },
  };
}
