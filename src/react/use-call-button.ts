'use client';
/**
 * Headless call button: Call → Cancel → Hang up, as prop bags.
 *
 * @packageDocumentation
 */
import { useId, useState, type MouseEvent, type RefCallback } from 'react';
import type { RingClient } from '../core/ring-client.js';
import type { CurrentCall, RingClientSnapshot } from '../core/client/types.js';
import type { Extra } from '../protocol/protocol.js';
import { displayNames, type UserLookup } from './components/users.js';
import { formatMessage, type RingingMessages } from './i18n/ringing-messages.js';
import { useRingLanguage, useRingingMessages, type LocaleProps } from './i18n/context.js';
import { useCallSound } from './sound/use-call-sound.js';
import type { SoundSetting } from './sound/tones.js';
import { rememberCallOrigin } from './focus/call-focus.js';
import { useRegisteredElement } from './focus/use-registered-element.js';
import { shallowEqual } from './shallow-equal.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';

/**
 * What the button does now: `idle` (Call), `calling`/`ringing` (Cancel), `incoming` (Decline),
 * `active` (Hang up, also while connecting or reconnecting), `connecting` (disabled until the
 * client is connected, also in server-rendered HTML), `unavailable` (disabled with a reason:
 * offline, or busy in another call).
 */
export type CallButtonState = 'idle' | 'connecting' | 'calling' | 'ringing' | 'incoming' | 'active' | 'unavailable';

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
  /**
   * Whether the button also cancels, declines and hangs up its own call (default `true`). With
   * `false` it only starts calls and stays `aria-disabled` while a call is live, leaving the
   * call's end to `<CallView>`'s controls (one Hang up button on the page).
   */
  endsCall?: boolean;
  /** Called when placing, cancelling or hanging up fails (the error is also on the client's snapshot). */
  onError?: (error: unknown) => void;
  /** A client other than the provider's. */
  client?: RingClient;
}

/** Attributes for the `<button>`. */
export interface CallButtonProps {
  /** Registers the button as a place focus can return to after a call with its contact. */
  ref: RefCallback<HTMLButtonElement>;
  type: 'button';
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  /** Says the action and who with: Call bob, Cancel call to bob, Hang up call with bob. */
  'aria-label': string;
  'aria-disabled'?: true;
  'aria-busy'?: true;
  'aria-describedby'?: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  'data-state': CallButtonState;
  'data-rk-media': 'audio' | 'video';
  /** The user ids called, space-separated (where focus returns after a call: see the README). */
  'data-rk-to': string;
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
  reasonProps: { id: string; lang: string; dir: 'ltr' | 'rtl' };
  /** The words in use. */
  messages: RingingMessages;
}

function callWith(call: CurrentCall | null, to: readonly string[]): CurrentCall | null {
  if (!call || call.status === 'ended') return null;
  return to.every((user) => call.peers.includes(user)) ? call : null;
}

function stateOf(snapshot: RingClientSnapshot, to: readonly string[], endsCall: boolean): CallButtonState {
  const call = callWith(snapshot.call, to);
  if (call && endsCall) {
    if (call.status === 'calling' || call.status === 'ringing') return call.status;
    if (call.status === 'incoming') return 'incoming';
    return 'active';
  }
  if (snapshot.call && snapshot.call.status !== 'ended') return 'unavailable';
  if (snapshot.connection === 'connected') return 'idle';
  // `idle` is a client that has not connected yet: the provider connects it once mounted.
  return snapshot.connection === 'disconnected' ? 'unavailable' : 'connecting';
}

/** Whether this device is in a call (not ended). */
function inCall(snapshot: RingClientSnapshot): boolean {
  return snapshot.call !== null && snapshot.call.status !== 'ended';
}

function reasonOf(state: CallButtonState, inAnyCall: boolean, messages: RingingMessages): string | undefined {
  if (state === 'connecting') return messages.connectingReason;
  if (state !== 'unavailable') return undefined;
  return inAnyCall ? messages.busyReason : messages.offlineReason;
}

function labelOf(state: CallButtonState, video: boolean, messages: RingingMessages): string {
  if (state === 'calling' || state === 'ringing') return messages.cancelCallLabel;
  if (state === 'incoming') return messages.declineCallLabel;
  if (state === 'active') return messages.hangUpCallLabel;
  return video ? messages.videoCallLabel : messages.callLabel;
}

function textOf(state: CallButtonState, video: boolean, messages: RingingMessages): string {
  if (state === 'calling' || state === 'ringing') return messages.cancel;
  if (state === 'incoming') return messages.decline;
  if (state === 'active') return messages.hangUp;
  return video ? messages.videoCall : messages.call;
}

/**
 * Prop bags for a plain button that calls `to`, cancels while it rings and hangs up once
 * answered; its accessible name says the action and who with ("Call bob", "Cancel call
 * to bob", "Hang up call with bob"), never a toggle. Disabled (with `aria-disabled` and
 * a reason) while connecting, offline or in another call. Plays the ringback while the
 * callee's device rings.
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
  const { video = false, extra, getUser, ringback = true, endsCall = true, onError, locale, messages: overrides } = options;
  const client = useRingClient(options.client);
  const messages = useRingingMessages({ locale, messages: overrides });
  const language = useRingLanguage({ locale, messages: overrides });
  const to = typeof options.to === 'string' ? [options.to] : [...options.to];
  const { state, inAnyCall, user } = useRingSelector(
    (snapshot) => ({ state: stateOf(snapshot, to, endsCall), inAnyCall: inCall(snapshot), user: snapshot.user ?? undefined }),
    client,
    shallowEqual,
  );
  const [pending, setPending] = useState(false);
  const reasonId = useId();
  const name = displayNames(to, getUser);

  useCallSound({ kind: 'ringback', active: state === 'ringing', sound: ringback, user });

  const register = useRegisteredElement<HTMLButtonElement>(client, 'buttons');

  const act = (button: HTMLButtonElement) => {
    if (state === 'idle') rememberCallOrigin(client, button);
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

  const reason = reasonOf(state, inAnyCall, messages);
  const busy = pending && state === 'idle';
  const disabled = state === 'unavailable' || state === 'connecting' || busy;

  return {
    state,
    text: textOf(state, video, messages),
    reason,
    messages,
    reasonProps: { id: reasonId, ...language },
    buttonProps: {
      ref: register,
      type: 'button',
      onClick: (event) => {
        if (!disabled) act(event.currentTarget);
      },
      'aria-label': formatMessage(labelOf(state, video, messages), { name }),
      'aria-disabled': disabled ? true : undefined,
      'aria-busy': busy ? true : undefined,
      'aria-describedby': reason ? reasonId : undefined,
      ...language,
      'data-state': state,
      'data-rk-media': video ? 'video' : 'audio',
      'data-rk-to': to.join(' '),
    },
  };
}
