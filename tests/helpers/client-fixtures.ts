/**
 * Shared fixtures for call machine and ring client tests: call infos, grants,
 * and an actor runner that records the machine's effects on a simulated clock.
 */
import { createActor, fromCallback, fromPromise, SimulatedClock } from 'xstate';
import {
  callMachine,
  type CallMachineEvent,
  type CallMediaEvent,
  type CallSignal,
  type MediaActorInput,
  type MediaCommand,
  type RequestInput,
  type RequestResult,
} from '../../src/core/call-machine.js';
import type { CallInfo, LiveKitGrant, Media } from '../../src/protocol/protocol.js';

/** Short timers so timer paths are quick to reason about. */
export const TEST_TIMEOUTS = { signalMs: 1_000, ringMs: 30_000, connectMs: 5_000, reconnectMs: 8_000 } as const;

/** The server's view of a ringing call from `from` to `to`. */
export function ringingCall(from: string, to: string, media: Media = 'video', callId = 'c1'): CallInfo {
  return {
    callId,
    version: 2,
    room: callId,
    from,
    media,
    members: [
      { user: from, state: 'joined', media },
      { user: to, state: 'ringing', media },
    ],
    status: 'ringing',
    createdAt: 1_700_000_000_000,
  };
}

/** LiveKit credentials for `user` in call `callId`. */
export function grantFor(user: string, callId = 'c1'): LiveKitGrant {
  return { url: 'memory://', token: `token-${user}`, room: callId, identity: `${user}#dev1` };
}

/** The server's view of that call once `to` answered with `media`. */
export function answeredCall(from: string, to: string, media: Media = 'video', callId = 'c1'): CallInfo {
  const ringing = ringingCall(from, to, media, callId);
  return {
    ...ringing,
    version: ringing.version + 1,
    status: 'active',
    answeredAt: ringing.createdAt + 1_000,
    members: [
      { user: from, state: 'joined', media: ringing.media },
      { user: to, state: 'joined', media },
    ],
  };
}

/** What a call actor asked of its child actors, in order (the shapes the machine's effects had as emitted events). */
export type RecordedEffect =
  | { type: 'signal'; message: CallSignal }
  | { type: 'prepareMedia' }
  | { type: 'captureMedia'; media: Media }
  | { type: 'joinMedia'; grant: LiveKitGrant; media: Media; mic: boolean; camera: boolean }
  | { type: 'leaveMedia' }
  | { type: 'setMicrophone'; enabled: boolean }
  | { type: 'setCamera'; enabled: boolean }
  | { type: 'holdMedia' }
  | { type: 'resumeMedia'; mic: boolean; camera: boolean };

/**
 * The call machine with recording child actors: requests are recorded (invite and accept are never
 * answered: tests send `INVITED`/`ANSWERED`/`SIGNAL_ERROR` themselves, unless `inviteReply` answers the
 * invite through the request actor as a client's connection would; the others are answered `ok`),
 * the media actor records its commands, and `leaveMedia` when it is stopped.
 */
export function recordingCallMachine(effects: RecordedEffect[], inviteReply?: Promise<RequestResult>) {
  return callMachine.provide({
    actors: {
      request: fromPromise<RequestResult, RequestInput>(({ input }) => {
        effects.push({ type: 'signal', message: input.message });
        if (input.message.type === 'invite' && inviteReply) return inviteReply;
        if (input.message.type === 'invite' || input.message.type === 'accept') return new Promise<RequestResult>(() => undefined);
        return Promise.resolve({ ok: true, reply: { type: 'ok', replyTo: 'r1' } });
      }),
      media: fromCallback<MediaCommand, MediaActorInput, CallMediaEvent>(({ input, receive }) => {
        if (input.prepare) effects.push({ type: 'prepareMedia' });
        receive((command) => {
          if (command.type === 'CAPTURE') effects.push({ type: 'captureMedia', media: command.media });
          else if (command.type === 'JOIN') {
            effects.push({ type: 'joinMedia', grant: command.grant, media: command.media, mic: command.mic, camera: command.camera });
          } else if (command.type === 'SET_MIC') effects.push({ type: 'setMicrophone', enabled: command.enabled });
          else if (command.type === 'SET_CAMERA') effects.push({ type: 'setCamera', enabled: command.enabled });
          else if (command.type === 'HOLD') effects.push({ type: 'holdMedia' });
          else if (command.type === 'RESUME') effects.push({ type: 'resumeMedia', mic: command.mic, camera: command.camera });
        });
        return () => effects.push({ type: 'leaveMedia' });
      }),
    },
  });
}

/** A started call machine actor on a simulated clock, with what it asked of its child actors recorded. */
export function startCallActor(self: string) {
  const clock = new SimulatedClock();
  const effects: RecordedEffect[] = [];
  const actor = createActor(recordingCallMachine(effects), { input: { self, timeouts: TEST_TIMEOUTS }, clock });
  actor.start();
  return {
    actor,
    clock,
    effects,
    /** Send events in order. */
    send(...events: CallMachineEvent[]) {
      for (const event of events) actor.send(event);
    },
    /** The messages the machine asked to send, by type. */
    signals() {
      return effects.flatMap((effect) => (effect.type === 'signal' ? [effect.message.type] : []));
    },
    /** How many times the media actor was stopped. */
    mediaLeft() {
      return effects.filter((effect) => effect.type === 'leaveMedia').length;
    },
  };
}
