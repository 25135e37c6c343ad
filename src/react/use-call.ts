'use client';
/**
 * The current call: status, people, tracks, mute states, duration, end reason, actions.
 *
 * @packageDocumentation
 */
import { useMemo } from 'react';
import { RingError } from '../core/errors.js';
import type { ParticipantView } from '../core/media/types.js';
import type { EndReason, Extra, Media, Push } from '../protocol/protocol.js';
import type { CallStatus, CurrentCall, JsonValue, RingClient } from '../core/ring-client.js';
import type { CaptureOptions } from '../core/media/types.js';
import type { CallClockSnapshot } from './call-clock.js';
import { participantEqual, participantsEqual } from './participants-equal.js';
import { createFieldTracker, type FieldEquality } from './tracked-fields.js';
import { formatDuration, useCallClock, type CallDuration } from './use-call-duration.js';
import { useRingClient } from './use-ring-client.js';
import { handled } from './handled.js';
import { useStoreSelector } from './use-store-selector.js';
import { isHeldByMe } from './use-calls.js';

/**
 * The actions of {@link useCall}. Each returns the client's promise (rejections are also on `error`).
 *
 * @example
 * ```tsx
 * const { startCall, hangup, toggleMicrophone } = useCall();
 * <button onClick={() => startCall('bob', { video: true })}>Call Bob</button>
 * ```
 */
export interface CallActions {
  /** Place a call (see `RingClient.call`); resolves with its id. */
  startCall(to: string | readonly string[], options?: { video?: boolean; extra?: Extra; push?: Push; replace?: boolean; capture?: CaptureOptions }): Promise<string>;
  /** End the call (cancels it while it rings). */
  hangup(): Promise<void>;
  /** Withdraw an outgoing call before it is answered. */
  cancel(): Promise<void>;
  /** Leave a group call that goes on. */
  leave(): Promise<void>;
  /** Invite more people. */
  add(users: readonly string[]): Promise<void>;
  /** Mute or unmute. */
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  /** Camera on or off. */
  setCameraEnabled(enabled: boolean): Promise<void>;
  /** Flip the microphone. */
  toggleMicrophone(): Promise<void>;
  /** Flip the camera. */
  toggleCamera(): Promise<void>;
  /** Switch between audio and video. */
  switchMedia(media: Media): Promise<void>;
  /** Send a custom message to the other members. */
  sendMessage(kind: string, data: JsonValue): Promise<void>;
  /** Forget an ended call and the last error. */
  dismiss(): void;
  /** Put the call on hold (call waiting): this device stops sending and receiving its media. */
  hold(): Promise<void>;
  /** Take the call off hold (when this user holds it; otherwise the oldest call on hold, swapping). */
  resume(): Promise<void>;
  /** Take the other call on hold off hold and hold this one (rejects with `no-call` when no other call is on hold). */
  swap(): Promise<void>;
}

/**
 * What {@link useCall} returns.
 *
 * @example
 * ```tsx
 * const { status, call, remoteParticipants, endReason }: UseCallResult = useCall();
 * ```
 */
export interface UseCallResult extends CallActions {
  /** The current call (kept after it ends until the next one or `dismiss()`), or null. */
  call: CurrentCall | null;
  /** Where it stands; `'idle'` without a call. */
  status: CallStatus | 'idle';
  /** Ringing, connecting or in progress (not idle, not ended). */
  inCall: boolean;
  /** This device as a media participant, once joined. */
  localParticipant: ParticipantView | null;
  /** The other participants with their tracks. */
  remoteParticipants: ParticipantView[];
  /** This device's microphone. */
  micEnabled: boolean;
  /** This device's camera. */
  cameraEnabled: boolean;
  /** Time since answered. */
  duration: CallDuration;
  /** Why the call ended. */
  endReason: EndReason | null;
  /** Who ended it (`null`: the server or the network, or not ended). */
  endedBy: string | null;
  /** The client's last error. */
  error: RingError | null;
}

/** The fields of {@link UseCallResult} that hold state (the rest are actions). */
type CallFields = Omit<UseCallResult, keyof CallActions>;

const NO_REMOTES: ParticipantView[] = [];

function fieldsOf({ ring, seconds, running }: CallClockSnapshot): CallFields {
  const { call, media, error } = ring;
  const status = call?.status ?? 'idle';
  return {
    call,
    status,
    inCall: status !== 'idle' && status !== 'ended',
    localParticipant: media?.local ?? null,
    remoteParticipants: media?.remotes ?? NO_REMOTES,
    micEnabled: call?.micEnabled ?? false,
    cameraEnabled: call?.cameraEnabled ?? false,
    duration: { seconds, formatted: formatDuration(seconds), running },
    endReason: call?.endReason ?? null,
    endedBy: call?.endedBy ?? null,
    error,
  };
}

/** Participants are rebuilt on every media change (stats too): compare what they show. */
const FIELD_EQUALITY: FieldEquality<CallFields> = {
  localParticipant: participantEqual,
  remoteParticipants: participantsEqual,
  duration: (a, b) => a.seconds === b.seconds && a.running === b.running,
};

/** Resume the oldest call this user holds other than the current one (the current goes on hold). */
async function swapCalls(ring: RingClient): Promise<void> {
  const { call, calls } = ring.getSnapshot();
  const other = calls.find((candidate) => candidate.callId !== call?.callId && isHeldByMe(candidate));
  if (!other) throw new RingError('no-call', 'no other call is on hold');
  await ring.resume(other.callId);
}

/**
 * The current call and everything to drive it. Re-renders only when a field this
 * component read changes (tracked, as TanStack Query does for query results): one
 * showing only `status` does not re-render for `duration` ticks, stats samples or the
 * other side muting; one reading `duration` re-renders once a second while answered.
 *
 * @example
 * ```tsx
 * function CallPanel() {
 *   const { status, remoteParticipants, micEnabled, toggleMicrophone, hangup, duration } = useCall();
 *   if (status === 'idle') return null;
 *   return (
 *     <section data-state={status}>
 *       {remoteParticipants.map((p) => <VideoTile key={p.identity} participant={p} />)}
 *       <time>{duration.formatted}</time>
 *       <button onClick={toggleMicrophone}>{micEnabled ? 'Mute' : 'Unmute'}</button>
 *       <button onClick={hangup}>Hang up</button>
 *     </section>
 *   );
 * }
 * ```
 */
export function useCall(client?: RingClient): UseCallResult {
  const ring = useRingClient(client);
  const clock = useCallClock(ring);
  const tracker = useMemo(() => createFieldTracker(clock, fieldsOf, FIELD_EQUALITY), [clock]);
  useStoreSelector(clock, fieldsOf, (_, next) => tracker.unchanged(next));

  const actions = useMemo<CallActions>(
    () => ({
      startCall: (to, options) => handled(ring.call(to, options)),
      hangup: () => handled(ring.hangup()),
      cancel: () => handled(ring.cancel()),
      leave: () => handled(ring.leave()),
      add: (users) => handled(ring.add(users)),
      setMicrophoneEnabled: (enabled) => handled(ring.setMicrophoneEnabled(enabled)),
      setCameraEnabled: (enabled) => handled(ring.setCameraEnabled(enabled)),
      toggleMicrophone: () => handled(ring.setMicrophoneEnabled(!(ring.getSnapshot().call?.micEnabled ?? true))),
      toggleCamera: () => handled(ring.setCameraEnabled(!(ring.getSnapshot().call?.cameraEnabled ?? false))),
      switchMedia: (next) => handled(ring.switchMedia(next)),
      sendMessage: (kind, data) => handled(ring.sendMessage(kind, data)),
      dismiss: () => ring.dismiss(),
      hold: () => handled(ring.hold()),
      resume: () => handled(ring.resume()),
      swap: () => handled(swapCalls(ring)),
    }),
    [ring],
  );

  return tracker.view(actions);
}
