'use client';
/**
 * Headless call button: Call → Cancel → Hang up, as prop bags.
 *
 * @packageDocumentation
 */
import { useId, useState, type MouseEvent } from 'react';
import type { RingClient } from '../core/ring-client.js';
import type { CurrentCall, RingClientSnapshot } from '../core/client/types.js';
import type { Extra } from '../protocol/protocol.js';
import { useRingSnapshot } from './components/use-ring-snapshot.js';
import { displayNames, type UserLookup } from './components/users.js';
import { formatMessage, type RingMessages } from './i18n/messages.js';
import { useRingMessages, type LocaleProps } from './i18n/context.js';
import { useCallSound } from './sound/use-call-sound.js';
import type { SoundSetting } from './sound/tones.js';
import { useRingClient } from './use-ring-client.js';

/**
 * What the button does now: `idle` (Call), `calling`/`ringing` (Cancel), `incoming` (Decline),
 * `active` (Hang up, also while connecting or reconnecting), `unavailable` (disabled with a reason).
 */
export type CallButtonState = 'idle' | 'calling' | 'ringing' | 'incoming' | 'active' | 'unavailable';

/** Options of {@link useCallButton}. */
export interface UseCallButtonOptions extends LocaleProps {
  /** Who to call: one user id, or several for a group call. */
  to: string | readonly string[];
  /** Place a video call (default: audio). */
  video?: boolean;
  /** App data shown to the callee. */
  extra?: Extra;
  /** Names for the accessible label. */
  getUser?: UserLookup;
  /** Ringback while the callee's device rings: `true` (built-in), `false`, or an audio URL. Default `true`. */
  ringback?: SoundSetting;
  /** Called when placing, cancelling or hanging up fails (the error is also on the client's snapshot). */
  onError?: (error: unknown) => void;
  /** A client other than the provider's. */
  client?: RingClient;
}

/** Attributes for the `<button>`. */
export interface CallButtonProps {
  type: 'button';
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  'aria-label': string;
  'aria-pressed': boolean;
  'aria-disabled'?: true;
  'aria-busy'?: true;
  'aria-describedby'?: string;
  'data-state': CallButtonState;
  'data-rk-media': 'audio' | 'video';
}

/** What {@link useCallButton} returns. */
export interface CallButtonBag {
  state: CallButtonState;
  /** Visible text: Call, Video call, Cancel, Decline or Hang up. */
  text: string;
  /** Why the button is disabled (state `unavailable`). */
  reason: string | undefined;
  /** Spread on the `<button>`; its `onClick` does the action. */
  buttonProps: CallButtonProps;
  /** Spread on the element that shows {@link CallButtonBag.reason} (it describes the button). */
  reasonProps: { id: string };
  /** The words in use. */
  messages: RingMessages;
}

function callWith(call: CurrentCall | null, to: readonly string[]): CurrentCall | null {
  if (!call || call.status === 'ended') return null;
  return to.every((user) => call.peers.includes(user)) ? call : null;
}

function stateOf(snapshot: RingClientSnapshot, to: readonly string[]): CallButtonState {
  const call = callWith(snapshot.call, to);
  if (call) {
    if (call.status === 'calling' || call.status === 'ringing') return call.status;
    if (call.status === 'incoming') return 'incoming';
    return 'active';
  }
  if (snapshot.call && snapshot.call.status !== 'ended') return 'unavailable';
  return snapshot.connection === 'connected' ? 'idle' : 'unavailable';
}

function reasonOf(snapshot: RingClientSnapshot, messages: RingMessages): string {
  if (snapshot.call && snapshot.call.status !== 'ended') return messages.busyReason;
  return snapshot.connection === 'connecting' || snapshot.connection === 'reconnecting'
    ? messages.connectingReason
    : messages.offlineReason;
}

/**
 * Prop bags for a button that calls `to`, cancels while it rings and hangs up once
 * answered. Disabled (with `aria-disabled` and a reason) while offline or in another call.
 * Plays the ringback while the callee's device rings.
 *
 * @example
 * ```tsx
 * function MyCallButton() {
 *   const { buttonProps, text, reason, reasonProps } = useCallButton({ to: 'bob', video: true });
 *   return (
 *     <>
 *       <button {...buttonProps}>{text}</button>
 *       {reason ? <small {...reasonProps}>{reason}</small> : null}
 *     </>
 *   );
 * }
 * ```
 */
export function useCallButton(options: UseCallButtonOptions): CallButtonBag {
  const { video = false, extra, getUser, ringback = true, onError, locale, messages: overrides } = options;
  const client = useRingClient(options.client);
  const snapshot = useRingSnapshot(client);
  const messages = useRingMessages({ locale, messages: overrides });
  const to = typeof options.to === 'string' ? [options.to] : [...options.to];
  const state = stateOf(snapshot, to);
  const [pending, setPending] = useState(false);
  const reasonId = useId();
  const name = displayNames(to, getUser);

  useCallSound({ kind: 'ringback', active: state === 'ringing', sound: ringback, user: snapshot.user ?? undefined });

  const act = () => {
    const run = (): Promise<unknown> | undefined => {
      if (state === 'idle') return client.call(to, { video, extra });
      if (state === 'calling' || state === 'ringing') return client.cancel();
      if (state === 'incoming') return client.reject(client.getSnapshot().call?.callId);
      if (state === 'active') return client.hangup();
      return undefined;
    };
    const promise = run();
    if (!promise) return;
    setPending(true);
    promise.then(
      () => setPending(false),
      (error: unknown) => {
        setPending(false);
        onError?.(error);
      },
    );
  };

  const text =
    state === 'calling' || state === 'ringing'
      ? messages.cancel
      : state === 'incoming'
        ? messages.decline
        : state === 'active'
          ? messages.hangUp
          : video
            ? messages.videoCall
            : messages.call;
  const idleLabel = formatMessage(video ? messages.videoCallLabel : messages.callLabel, { name });
  const reason = state === 'unavailable' ? reasonOf(snapshot, messages) : undefined;
  const busy = pending && state === 'idle';

  return {
    state,
    text,
    reason,
    messages,
    reasonProps: { id: reasonId },
    buttonProps: {
      type: 'button',
      onClick: () => {
        if (state !== 'unavailable' && !busy) act();
      },
      'aria-label': state === 'idle' || state === 'unavailable' ? idleLabel : text,
      'aria-pressed': state !== 'idle' && state !== 'unavailable',
      'aria-disabled': state === 'unavailable' || busy ? true : undefined,
      'aria-busy': busy ? true : undefined,
      'aria-describedby': reason ? reasonId : undefined,
      'data-state': state,
      'data-rk-media': video ? 'video' : 'audio',
    },
  };
}
