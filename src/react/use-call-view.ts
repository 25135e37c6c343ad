'use client';
/**
 * Headless call view: status line, duration, reconnecting banner, end reason and
 * the participants to show, as prop bags.
 *
 * @packageDocumentation
 */
import { useId, type MouseEvent, type RefCallback } from 'react';
import type { CurrentCall } from '../core/client/types.js';
import type { ParticipantView } from '../core/media/types.js';
import type { RingClient } from '../core/ring-client.js';
import { displayNames, type UserLookup } from './components/users.js';
import { describeDeviceErrorIn, formatMessage, type RingMessages } from './i18n/messages.js';
import { useRingLanguage, useRingMessages, type LocaleProps } from './i18n/context.js';
import { useWaitingMessages, type WaitingMessages } from './i18n/waiting-messages.js';
import { useCallViewFocus, type CallViewFocusOptions } from './focus/use-call-view-focus.js';
import { useCallSound } from './sound/use-call-sound.js';
import type { SoundSetting } from './sound/tones.js';
import { useCallDuration } from './use-call-duration.js';
import { sameParticipants } from './participants-equal.js';
import { useRingClient, useRingSelector } from './use-ring-client.js';

/** Options of {@link useCallView}. */
export interface UseCallViewOptions extends LocaleProps, CallViewFocusOptions {
  /** Names and avatars of the people in the call. */
  getUser?: UserLookup;
  /** Ringback while the callee's device rings: `true` (built-in), `false` or an audio URL. Default `true`. */
  ringback?: SoundSetting;
  /** A client other than the provider's. */
  client?: RingClient;
}

/** What {@link useCallView} returns. */
export interface CallViewBag {
  /** The current call (also after it ended, until dismissed), or null. */
  call: CurrentCall | null;
  /** The words in use. */
  messages: RingMessages;
  /** The other people's names, joined. */
  names: string;
  /** The status line: calling, ringing, connecting, in call, reconnecting, on hold, or the end reason in words. */
  statusText: string;
  /** Answered-call duration in whole seconds (frozen once ended). */
  durationSeconds: number;
  /** `m:ss` duration, shown while the call is answered. */
  durationText: string | undefined;
  /** The duration in words for screen readers ("Duration 1:05"); it describes the root. */
  durationLabel: string | undefined;
  /** Spread on the element holding {@link CallViewBag.durationLabel}. */
  durationProps: { id: string };
  /** Whether the media connection is being restored. */
  reconnecting: boolean;
  /** Why this device's camera or microphone is not in the call (for example access denied), in words. */
  deviceErrorText: string | undefined;
  /** Remote participants with media; empty before anyone joined the room. */
  remotes: readonly ParticipantView[];
  /** This device's participant, once joined. */
  local: ParticipantView | undefined;
  /** The remote participant whose shared screen to show large (the first who shares), if any. */
  presenter: ParticipantView | undefined;
  /** Peers to show as placeholders while nobody's media is there. */
  waitingFor: readonly string[];
  /**
   * Spread on the root (a region named with `messages.callRegion`): `data-state` is the call
   * status; focusable by script (`tabIndex={-1}`) so focus can enter the call; described by the duration.
   */
  rootProps: {
    ref: RefCallback<HTMLElement>;
    tabIndex: -1;
    lang: string;
    dir: 'ltr' | 'rtl';
    'aria-describedby': string | undefined;
    'data-state': CurrentCall['status'] | 'idle';
    'data-rk-media': 'audio' | 'video';
    /** `screen` while a remote screen share is shown large, with the camera tiles beside it. */
    'data-rk-layout': 'one' | 'grid' | 'screen';
  };
  /** Close an ended call (`client.dismiss()`), first moving focus back to where the call started. */
  dismissProps: { type: 'button'; 'data-rk-action': 'dismiss'; onClick: (event: MouseEvent<HTMLButtonElement>) => void };
}

function statusOf(call: CurrentCall, messages: RingMessages, waiting: WaitingMessages, names: string): string {
  switch (call.status) {
    case 'calling':
      return formatMessage(messages.statusCalling, { name: names });
    case 'ringing':
      return formatMessage(messages.statusRinging, { name: names });
    case 'incoming':
      return formatMessage(messages.statusIncoming, { name: names });
    case 'answering':
    case 'connecting':
      return messages.statusConnecting;
    case 'active':
      return formatMessage(messages.statusActive, { name: names });
    case 'reconnecting':
      return messages.statusReconnecting;
    case 'held':
      return formatMessage(call.heldBy.includes(call.self) ? waiting.statusHeld : waiting.statusHeldByOthers, { name: names });
    case 'ended':
      return formatMessage(call.endDetail === undefined ? messages.statusEnded : messages.statusEndedDetail, {
        reason: messages.endReasons[call.endReason ?? 'failed'],
        detail: call.endDetail ?? '',
      });
  }
}

/**
 * Everything a call view shows, derived from the client's store; plays the ringback
 * while the callee's device rings.
 *
 * @example
 * ```tsx
 * function MyCallView() {
 *   const v = useCallView({});
 *   if (!v.call) return null;
 *   return (
 *     <section {...v.rootProps}>
 *       <p role="status">{v.statusText}</p>
 *       {v.remotes.map((p) => <VideoTile key={p.identity} participant={p} />)}
 *     </section>
 *   );
 * }
 * ```
 */
export function useCallView(options: UseCallViewOptions = {}): CallViewBag {
  const { getUser, ringback = true, locale, messages: overrides } = options;
  const client = useRingClient(options.client);
  const snapshot = useRingSelector(
    ({ call, media, user }) => ({ call, media: media && { local: media.local, remotes: media.remotes }, user }),
    client,
    (a, b) => a.call === b.call && a.user === b.user && sameParticipants(a.media, b.media),
  );
  const messages = useRingMessages({ locale, messages: overrides });
  const waitingMessages = useWaitingMessages({ locale, messages: overrides });
  const language = useRingLanguage({ locale, messages: overrides });
  const durationId = useId();
  const { call, media } = snapshot;
  const focus = useCallViewFocus(client, call, options);
  const duration = useCallDuration(client);
  useCallSound({ kind: 'ringback', active: call?.status === 'ringing', sound: ringback, user: snapshot.user ?? undefined });
  const ended = !call || call.status === 'ended';
  const remotes = ended ? [] : (media?.remotes ?? []);
  const present = new Set(remotes.map((participant) => participant.user));
  const waitingFor = call && !ended ? call.peers.filter((peer) => !present.has(peer)) : [];
  const names = call ? displayNames(call.peers, getUser) : '';
  const presenter = remotes.find((participant) => participant.screenShareTrack);
  const durationText = call?.answeredAt !== undefined ? duration.formatted : undefined;
  return {
    call,
    messages,
    names,
    statusText: call ? statusOf(call, messages, waitingMessages, names) : messages.statusIdle,
    durationSeconds: duration.seconds,
    durationText,
    durationLabel: durationText === undefined ? undefined : formatMessage(messages.duration, { duration: durationText }),
    durationProps: { id: durationId },
    reconnecting: call?.status === 'reconnecting',
    deviceErrorText: call?.deviceError && !ended ? describeDeviceErrorIn(messages, call.deviceError) : undefined,
    remotes,
    local: ended ? undefined : media?.local,
    presenter,
    waitingFor,
    rootProps: {
      ref: focus.ref,
      tabIndex: -1,
      ...language,
      'aria-describedby': durationText === undefined ? undefined : durationId,
      'data-state': call?.status ?? 'idle',
      'data-rk-media': call?.media ?? 'audio',
      'data-rk-layout': presenter ? 'screen' : remotes.length + waitingFor.length > 1 ? 'grid' : 'one',
    },
    dismissProps: { type: 'button', 'data-rk-action': 'dismiss', onClick: focus.close },
  };
}
