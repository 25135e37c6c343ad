/**
 * Shared fixtures for call machine and ring client tests: call infos, grants,
 * and an actor runner that records the machine's effects on a simulated clock.
 */
import { createActor, SimulatedClock } from 'xstate';
import { callMachine, type CallEffect, type CallMachineEvent } from '../../src/core/call-machine.js';
import type { CallInfo, LiveKitGrant, Media } from '../../src/protocol/protocol.js';

/** Short timers so timer paths are quick to reason about. */
export const TEST_TIMEOUTS = { signalMs: 1_000, ringMs: 30_000, connectMs: 5_000, reconnectMs: 8_000 } as const;

/** The server's view of a ringing call from `from` to `to`. */
export function ringingCall(from: string, to: string, media: Media = 'video', callId = 'c1'): CallInfo {
  return {
    callId,
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

/** A started call machine actor on a simulated clock, with every emitted effect recorded. */
export function startCallActor(self: string) {
  const clock = new SimulatedClock();
  const effects: CallEffect[] = [];
  const actor = createActor(callMachine, { input: { self, timeouts: TEST_TIMEOUTS }, clock });
  actor.on('*', (effect) => effects.push(effect));
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
  };
}
