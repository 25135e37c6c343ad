'use client';
/**
 * Headless incoming-call dialog: the queue of ringing calls, focus handling and
 * the Accept / Accept as audio / Decline actions, as prop bags.
 *
 * @packageDocumentation
 */
import { useCallback, useId, type KeyboardEvent, type MouseEvent, type RefCallback } from 'react';
import type { CallInfo } from '../protocol/protocol.js';
import type { RingClient } from '../core/ring-client.js';
import { useCallNotification } from './components/use-call-notification.js';
import { displayName, displayNames, type UserLookup } from './components/users.js';
import { formatMessage, type RingingMessages } from './i18n/ringing-messages.js';
import { useRingLanguage, useRingingMessages, type LocaleProps } from './i18n/context.js';
import { useIncomingFocus, type IncomingFocusOptions } from './focus/use-incoming-focus.js';
import { useCallSound } from './sound/use-call-sound.js';
import type { SoundSetting } from './sound/tones.js';
import { shallowEqual } from './shallow-equal.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';
import { isWaitingCall } from './waiting-call.js';

/** Options of {@link useIncomingCallModal}. */
export interface UseIncomingCallModalOptions extends LocaleProps, IncomingFocusOptions {
  /** Names and avatars of callers. */
  getUser?: UserLookup;
  /** Ringtone: `true` (built-in Web Audio tone), `false` (silent) or an audio URL. Default `true`. */
  ringtone?: SoundSetting;
  /** Show a browser notification while the tab is hidden (permission must be granted by the app). */
  notification?: boolean;
  /** Called when accepting or declining fails (the error is also on the client's snapshot). */
  onError?: (error: unknown) => void;
  /** A client other than the provider's. */
  client?: RingClient;
  /**
   * Quick replies: each declines with its text as the reason (the caller sees it as `endDetail`).
   * `false` offers none. Default: the language's (`messages.quickReplies`).
   */
  quickReplies?: readonly string[] | false;
}

/** The caller of the shown call. */
export interface IncomingCaller {
  id: string;
  name: string;
  avatarUrl: string | undefined;
}

type ButtonBag = {
  type: 'button';
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  'data-rk-action': 'accept' | 'accept-audio' | 'decline' | 'ignore' | 'reply' | 'end-and-accept' | 'hold-and-accept';
};

/** What {@link useIncomingCallModal} returns. */
export interface IncomingCallModalBag {
  /** The call shown (the oldest ringing one), or null when nothing rings. */
  call: CallInfo | null;
  /** Every ringing call, oldest first. */
  queue: readonly CallInfo[];
  /**
   * Whether the shown call rings during another call (call waiting): show End and accept,
   * Hold and accept and Decline (`<IncomingCallModal>` shows its compact in-call variant).
   */
  waiting: boolean;
  /** Who calls. */
  caller: IncomingCaller | null;
  /** Other people invited to the shown group call. */
  others: string[];
  /** The words in use. */
  messages: RingingMessages;
  /** Title text (Incoming call / Incoming video call). */
  title: string;
  /** Description text (`{name} is calling you`). */
  description: string;
  /** Spread on the dialog element. */
  dialogProps: {
    ref: RefCallback<HTMLElement>;
    role: 'alertdialog';
    'aria-modal': true;
    'aria-labelledby': string;
    'aria-describedby': string;
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
    lang: string;
    dir: 'ltr' | 'rtl';
    'data-state': 'ringing';
    'data-rk-media': 'audio' | 'video';
  };
  titleProps: { id: string };
  descriptionProps: { id: string };
  acceptProps: ButtonBag;
  /** Present for video calls only. */
  acceptAudioProps: ButtonBag | undefined;
  /** Decline gets the focus first. */
  declineProps: ButtonBag & { ref: RefCallback<HTMLButtonElement> };
  /** Ignore: this device stops ringing; the call rings on for the caller and on this user's other devices. */
  ignoreProps: ButtonBag;
  /** The quick replies offered (none when `quickReplies` is `false`). */
  quickReplies: readonly string[];
  /** A button that declines with `reply` as the reason. */
  replyProps: (reply: string) => ButtonBag;
  /** Call waiting: hang up the current call and accept the shown one. */
  endAndAcceptProps: ButtonBag;
  /** Call waiting: put the current call on hold and accept the shown one. */
  holdAndAcceptProps: ButtonBag;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keep Tab and Shift+Tab inside `container`, wrapping around. */
function loopFocus(event: KeyboardEvent<HTMLElement>): void {
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((item) => !item.closest('[hidden]'));
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return;
  }
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !event.currentTarget.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !event.currentTarget.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Prop bags for an accessible incoming-call alert dialog: labelled and described,
 * Tab loops inside it, Decline is focused first, Escape does nothing (never accepts).
 * Once it closes, focus moves into `<CallView>` (its first control) after Accept, and
 * back where it was after Decline (see `onCloseAutoFocus`). Several ringing calls queue
 * (the oldest shows first). During another call the shown call is call waiting (`waiting`,
 * with End and accept / Hold and accept). Plays the ringtone, or the call-waiting beep during
 * a call (one tab per user), and optionally
 * shows a browser notification while the tab is hidden.
 *
 * @example
 * ```tsx
 * function MyIncoming() {
 *   const m = useIncomingCallModal({});
 *   if (!m.call) return null;
 *   return (
 *     <div {...m.dialogProps}>
 *       <h2 {...m.titleProps}>{m.title}</h2>
 *       <p {...m.descriptionProps}>{m.description}</p>
 *       <button {...m.declineProps}>{m.messages.decline}</button>
 *       <button {...m.acceptProps}>{m.messages.accept}</button>
 *     </div>
 *   );
 * }
 * ```
 */
export function useIncomingCallModal(options: UseIncomingCallModalOptions = {}): IncomingCallModalBag {
  const { getUser, ringtone = true, notification = false, onError, locale, messages: overrides, quickReplies } = options;
  const client = useRingClient(options.client);
  const snapshot = useRingSelector(
    (ring) => ({
      incoming: ring.incoming,
      user: ring.user,
      waiting: isWaitingCall(ring, ring.incoming[0]?.callId),
      inCallHere: ring.calls.some((other) => other.status !== 'incoming'),
    }),
    client,
    shallowEqual,
  );
  const messages = useRingingMessages({ locale, messages: overrides });
  const language = useRingLanguage({ locale, messages: overrides });
  const titleId = useId();
  const descriptionId = useId();
  const queue = snapshot.incoming;
  const call = queue[0] ?? null;
  const callId = call?.callId ?? null;
  const isVideo = call?.media === 'video';
  const caller: IncomingCaller | null = call
    ? { id: call.from, name: displayName(call.from, getUser), avatarUrl: getUser?.(call.from)?.avatarUrl }
    : null;
  const others = call
    ? call.members.map((member) => member.user).filter((user) => user !== call.from && user !== snapshot.user)
    : [];
  const focus = useIncomingFocus(client, callId, call?.from ?? '', options);
  const title = isVideo ? messages.incomingVideo : messages.incomingAudio;
  const description = caller ? formatMessage(messages.incomingFrom, { name: caller.name }) : '';

  const { waiting, inCallHere } = snapshot;
  // During a call the full ringtone would drown it: a short call-waiting beep instead, played by
  // the tab that holds the call (the user's other tabs stay silent).
  useCallSound({
    kind: waiting ? 'waiting' : 'ringtone',
    active: call !== null,
    sound: ringtone,
    user: snapshot.user ?? undefined,
    priority: waiting && inCallHere ? 1 : 0,
  });
  useCallNotification({
    enabled: notification,
    callId,
    title: caller ? formatMessage(messages.notificationTitle, { name: caller.name }) : '',
    body: others.length ? `${title} · ${formatMessage(messages.withOthers, { names: displayNames(others, getUser) })}` : title,
  });

  const run = useCallback(
    (action: () => Promise<unknown>) => {
      action().catch((error: unknown) => onError?.(error));
    },
    [onError],
  );

  const decline = (reason?: string) => {
    if (!callId) return;
    focus.answered(callId, 'declined');
    run(() => (reason === undefined ? client.reject(callId) : client.reject(callId, { reason })));
  };
  const acceptWith = (active: 'end' | 'hold'): ButtonBag => ({
    type: 'button',
    'data-rk-action': active === 'end' ? 'end-and-accept' : 'hold-and-accept',
    onClick: () => {
      if (!callId) return;
      focus.answered(callId, 'accepted');
      run(() => client.accept(callId, { video: isVideo, active }));
    },
  });

  return {
    call,
    queue,
    waiting,
    caller,
    others,
    messages,
    title,
    description,
    dialogProps: {
      ref: focus.dialogRef,
      role: 'alertdialog',
      'aria-modal': true,
      'aria-labelledby': titleId,
      'aria-describedby': descriptionId,
      onKeyDown: (event) => {
        if (event.key === 'Tab') loopFocus(event);
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
        }
      },
      ...language,
      'data-state': 'ringing',
      'data-rk-media': isVideo ? 'video' : 'audio',
    },
    titleProps: { id: titleId },
    descriptionProps: { id: descriptionId },
    acceptProps: {
      type: 'button',
      'data-rk-action': 'accept',
      onClick: () => {
        if (!callId) return;
        focus.answered(callId, 'accepted');
        run(() => client.accept(callId, { video: isVideo }));
      },
    },
    acceptAudioProps: isVideo
      ? {
          type: 'button',
          'data-rk-action': 'accept-audio',
          onClick: () => {
            if (!callId) return;
            focus.answered(callId, 'accepted');
            run(() => client.accept(callId, { video: false }));
          },
        }
      : undefined,
    declineProps: {
      ref: focus.firstRef,
      type: 'button',
      'data-rk-action': 'decline',
      onClick: () => decline(),
    },
    ignoreProps: {
      type: 'button',
      'data-rk-action': 'ignore',
      onClick: () => {
        if (!callId) return;
        focus.answered(callId, 'declined');
        run(() => client.ignore(callId));
      },
    },
    quickReplies: quickReplies === false ? [] : (quickReplies ?? messages.quickReplies),
    replyProps: (reply) => ({ type: 'button', 'data-rk-action': 'reply', onClick: () => decline(reply) }),
    endAndAcceptProps: acceptWith('end'),
    holdAndAcceptProps: acceptWith('hold'),
  };
}
