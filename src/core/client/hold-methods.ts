/**
 * The ring client's call waiting and hold methods: `hold`, `resume` (a swap
 * when another call is active), and what accepting a waiting call does to the
 * call active until then.
 *
 * @packageDocumentation
 */
import type { Actor } from 'xstate';
import { RingError } from '../errors.js';
import { isHeldByMe } from '../machine/hold.js';
import type { ActiveCallChoice } from '../../protocol/protocol.js';
import type { rootMachine } from './root-machine.js';
import { heldCalls, isLiveRef, type CallActorRef } from './root-setup.js';

/**
 * Whether a call is live on this device and not on hold by this user (what the server calls the user's active call).
 *
 * @example
 * ```ts
 * if (isActiveHere(context.current)) ...
 * ```
 */
export function isActiveHere(call: CallActorRef | null): call is CallActorRef {
  return isLiveRef(call) && !isHeldByMe(call.getSnapshot().context);
}

/**
 * After a waiting call was accepted with `active`, bring the call active until then where the server
 * took it (on hold, or over), without waiting for the server's message about it (the later one changes nothing).
 *
 * @example
 * ```ts
 * settleActiveCall(previous, 'hold');
 * ```
 */
export function settleActiveCall(previous: CallActorRef | null, choice: ActiveCallChoice): void {
  if (!isActiveHere(previous)) return;
  if (choice === 'hold') previous.send({ type: 'HELD', by: previous.getSnapshot().context.self });
  else previous.send({ type: 'HANGUP' });
}

/**
 * The `hold` and `resume` methods of a ring client.
 *
 * @example
 * ```ts
 * const { hold, resume } = createHoldMethods(root, requestHere);
 * ```
 */
export function createHoldMethods(
  root: Actor<typeof rootMachine>,
  request: (call: CallActorRef, event: { type: 'HOLD' } | { type: 'RESUME' }) => Promise<void>,
) {
  const context = () => root.getSnapshot().context;

  /** The live call `callId` names, or the default one; `no-call` without one. */
  function liveCall(callId: string | undefined, fallback: () => CallActorRef | null | undefined): CallActorRef {
    const call = callId === undefined ? fallback() : context().calls[callId];
    if (!call || !isLiveRef(call)) throw new RingError('no-call', callId === undefined ? 'there is no call to do that with' : `call ${callId} is not live here`);
    return call;
  }

  return {
    async hold(callId?: string): Promise<void> {
      await request(liveCall(callId, () => context().current), { type: 'HOLD' });
    },

    async resume(callId?: string): Promise<void> {
      const call = liveCall(callId, () => {
        const { current } = context();
        return current && current.getSnapshot().matches({ held: 'mine' }) ? current : heldCalls(context())[0];
      });
      const previous = context().current;
      await request(call, { type: 'RESUME' });
      if (previous === call) return;
      // The server held the call active until now (a swap): pause it here at once, and show the resumed one.
      settleActiveCall(previous, 'hold');
      root.send({ type: 'SHOW', call });
    },
  };
}
