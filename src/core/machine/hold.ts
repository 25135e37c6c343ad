/**
 * Call waiting and hold, as the call machine sees it: who holds the call,
 * whether that pauses this device (held by this user) or the people it talks
 * to (every other joined member holds it), and this device's own hold or
 * resume once the server took it.
 *
 * @packageDocumentation
 */
import type { CallFacts, CallMachineEvent, RequestResult } from './types.js';

interface HoldContext {
  self: string;
  call: Pick<CallFacts, 'heldBy' | 'members'>;
}

/**
 * Whether this user holds the call (their media in it is paused).
 *
 * @example
 * ```ts
 * isHeldByMe({ self: 'alice', call: { heldBy: ['alice'], members } }); // true
 * ```
 */
export function isHeldByMe(context: HoldContext): boolean {
  return context.call.heldBy.includes(context.self);
}

/**
 * Whether everybody this user talks to in the call holds it (so nobody hears them), while they do not.
 *
 * @example
 * ```ts
 * isHeldByOthers({ self: 'bob', call: { heldBy: ['alice'], members: [alice, bob] } }); // true
 * ```
 */
export function isHeldByOthers(context: HoldContext): boolean {
  if (isHeldByMe(context)) return false;
  const { members, heldBy } = context.call;
  const others = members.filter((member) => member.user !== context.self && member.state === 'joined');
  return others.length > 0 && others.every((member) => heldBy.includes(member.user));
}

/**
 * The holders once `by` holds (`held`) or resumes the call.
 *
 * @example
 * ```ts
 * holdersAfter(['alice'], 'bob', true); // ['alice', 'bob']
 * ```
 */
export function holdersAfter(heldBy: readonly string[], by: string, held: boolean): string[] {
  const others = heldBy.filter((user) => user !== by);
  return held ? [...others, by] : others;
}

/**
 * This device's own `hold` or `resume` request, once answered `ok`, as the event the server's
 * `held`/`resumed` would bring (whichever comes first wins; the other changes nothing).
 *
 * @example
 * ```ts
 * ownHoldConfirmed('request.hold.3', { ok: true, reply }, 'alice'); // { type: 'HELD', by: 'alice' }
 * ```
 */
export function ownHoldConfirmed(actorId: string, result: RequestResult, self: string): CallMachineEvent | undefined {
  if (!result.ok) return undefined;
  if (actorId.startsWith('request.hold.')) return { type: 'HELD', by: self };
  if (actorId.startsWith('request.resume.')) return { type: 'RESUMED', by: self };
  return undefined;
}
