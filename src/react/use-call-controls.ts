'use client';
/**
 * Headless in-call controls: microphone, camera, audio/video switch and hang up, as prop bags.
 *
 * @packageDocumentation
 */
import type { MouseEvent } from 'react';
import type { CallStatus } from '../core/client/types.js';
import type { RingClient } from '../core/ring-client.js';
import type { RingMessages } from './i18n/messages.js';
import { useRingMessages, type LocaleProps } from './i18n/context.js';
import { shallowEqual } from './shallow-equal.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';

/** Options of {@link useCallControls}. */
export interface UseCallControlsOptions extends LocaleProps {
  /** Called when an action fails (the error is also on the client's snapshot). */
  onError?: (error: unknown) => void;
  /** A client other than the provider's. */
  client?: RingClient;
}

/** Attributes for one control button. */
export interface ControlButtonProps {
  type: 'button';
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  'aria-pressed'?: boolean;
  'aria-disabled'?: true;
  'data-rk-control': 'mic' | 'camera' | 'switch-media' | 'hangup';
}

/** What {@link useCallControls} returns. */
export interface CallControlsBag {
  /** Whether there is a call to control (not ended). */
  inCall: boolean;
  /** The current call's status, if any. */
  status: CallStatus | undefined;
  micEnabled: boolean;
  cameraEnabled: boolean;
  /** The call's media. */
  media: 'audio' | 'video';
  /** The words in use. */
  messages: RingMessages;
  /** Microphone toggle (`aria-pressed` while muted). */
  micProps: ControlButtonProps;
  /** Camera toggle (`aria-pressed` while off); for video calls. */
  cameraProps: ControlButtonProps;
  /** Switch between audio and video; its text is in {@link CallControlsBag.switchText}. */
  switchProps: ControlButtonProps;
  /** Switch to audio or Switch to video. */
  switchText: string;
  /** End the call (cancels while it rings). */
  hangupProps: ControlButtonProps;
}

/**
 * Prop bags for the controls of the current call. Media actions are `aria-disabled`
 * until the call is connected; Hang up works in every state but `ended`.
 *
 * @example
 * ```tsx
 * function MyControls() {
 *   const c = useCallControls();
 *   return (
 *     <div role="group" aria-label={c.messages.callControls}>
 *       <button {...c.micProps}>{c.messages.muteMicrophone}</button>
 *       <button {...c.hangupProps}>{c.messages.hangUp}</button>
 *     </div>
 *   );
 * }
 * ```
 */
export function useCallControls(options: UseCallControlsOptions = {}): CallControlsBag {
  const { onError, locale, messages: overrides } = options;
  const client = useRingClient(options.client);
  const call = useRingSelector(
    (snapshot) => snapshot.call && { status: snapshot.call.status, micEnabled: snapshot.call.micEnabled, cameraEnabled: snapshot.call.cameraEnabled, media: snapshot.call.media },
    client,
    shallowEqual,
  );
  const messages = useRingMessages({ locale, messages: overrides });
  const status = call?.status;
  const inCall = call !== null && status !== 'ended';
  const live = status === 'active' || status === 'reconnecting';
  const micEnabled = call?.micEnabled ?? false;
  const cameraEnabled = call?.cameraEnabled ?? false;
  const media = call?.media ?? 'audio';

  const run = (enabled: boolean, action: () => Promise<unknown>) => () => {
    if (enabled) action().catch((error: unknown) => onError?.(error));
  };

  return {
    inCall,
    status,
    micEnabled,
    cameraEnabled,
    media,
    messages,
    micProps: {
      type: 'button',
      'data-rk-control': 'mic',
      'aria-pressed': !micEnabled,
      'aria-disabled': live ? undefined : true,
      onClick: run(live, () => client.setMicrophoneEnabled(!micEnabled)),
    },
    cameraProps: {
      type: 'button',
      'data-rk-control': 'camera',
      'aria-pressed': !cameraEnabled,
      'aria-disabled': live ? undefined : true,
      onClick: run(live, () => client.setCameraEnabled(!cameraEnabled)),
    },
    switchText: media === 'video' ? messages.switchToAudio : messages.switchToVideo,
    switchProps: {
      type: 'button',
      'data-rk-control': 'switch-media',
      'aria-disabled': live ? undefined : true,
      onClick: run(live, () => client.switchMedia(media === 'video' ? 'audio' : 'video')),
    },
    hangupProps: {
      type: 'button',
      'data-rk-control': 'hangup',
      'aria-disabled': inCall ? undefined : true,
      onClick: run(inCall, () => client.hangup()),
    },
  };
}
