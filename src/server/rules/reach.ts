/**
 * Can a callee ring? Do-not-disturb, busy (claimed by another call, when call
 * waiting is off), offline (no device; unless a push notification went out).
 * A callee with devices but none visible rings on them and is also pushed.
 *
 * @packageDocumentation
 */
import type { EndReason } from '../../protocol/protocol.js';
import { findMember, isPresent, toCallInfo, type CallRecord } from '../call-record.js';
import { isMutualGlare } from './glare.js';
import type { RulesContext } from './context.js';

/** A refused claim: the call the user is in, when it could be read. */
export interface HeldClaim {
  callId: string;
  call?: CallRecord;
}

const CLAIM_ATTEMPTS = 3;

/**
 * Claim `user` for `callId`, replacing a stale claim (a call that ended or
 * that the user already left). Returns the live claim that refused it, if any.
 *
 * @example
 * ```ts
 * const held = await claimUser(context, 'alice', 'c1');
 * if (held) return fail(actor, id, 'already-in-call', 'you are in a call', held.callId);
 * ```
 */
export async function claimUser(context: RulesContext, user: string, callId: string): Promise<HeldClaim | undefined> {
  let replacing: string | undefined;
  let held: HeldClaim | undefined;
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt += 1) {
    const holder = await context.store.claimUser(user, callId, replacing);
    if (holder === undefined) return undefined;
    const call = await context.store.getCall(holder);
    const member = call && findMember(call, user);
    held = call ? { callId: holder, call } : { callId: holder };
    if (call && call.status !== 'ended' && member && isPresent(member)) return held;
    replacing = holder;
  }
  return held;
}

/** A callee rings: on their devices (`devices`), by push (`pushed`), and whether they are in another call (`waiting`). */
export interface Rings {
  devices: boolean;
  pushed: boolean;
  waiting: boolean;
}

/**
 * What reaching a callee came to: they ring (see {@link Rings}), a reason
 * they cannot, or (mutual glare) the other side's call to yield to.
 */
export type ReachOutcome = Rings | EndReason | { yieldTo: CallRecord };

/**
 * The call `user` is engaged in (their claim, while they are still part of
 * it): the call they place, are in, or (call waiting off) ring in.
 *
 * @example
 * ```ts
 * const active = await engagedCall(context, 'bob');
 * ```
 */
export async function engagedCall(context: RulesContext, user: string): Promise<CallRecord | undefined> {
  const callId = await context.store.userCall(user);
  const call = callId === undefined ? undefined : await context.store.getCall(callId);
  const me = call && findMember(call, user);
  return call && call.status !== 'ended' && me && isPresent(me) ? call : undefined;
}

/**
 * Whether `callee` can ring for `call` as far as their other calls go. Call
 * waiting on: they ring anyway, `waiting` when engaged in another call. Off:
 * they are claimed for `call`, or `busy`; mutual glare is then settled by call
 * id: the call with the smaller id goes on (its callee rings until their own
 * invite yields to it), the other yields. Only invites settle glare.
 */
async function engagement(
  context: RulesContext,
  call: CallRecord,
  callee: string,
  settleGlare: boolean,
): Promise<'busy' | 'waiting' | 'free' | { yieldTo: CallRecord }> {
  if (context.callWaiting) {
    const other = await engagedCall(context, callee);
    // Glare is settled at the pair's claim (see `claimPair`): a callee whose own call to the caller yields is not waiting.
    return other && !(settleGlare && isMutualGlare(call, other, callee)) ? 'waiting' : 'free';
  }
  const other = (await claimUser(context, callee, call.callId))?.call;
  if (!other) return 'free';
  if (settleGlare && isMutualGlare(call, other, callee)) return other.callId < call.callId ? { yieldTo: other } : 'free';
  return 'busy';
}

/**
 * Whether and how `callee` rings for `call` (see {@link Rings}), or why they
 * cannot: `do-not-disturb`, `busy` (call waiting off), `offline` (no device
 * and no push went out). A callee with devices but none visible rings on them
 * and is also pushed.
 *
 * @example
 * ```ts
 * const outcome = await reach(context, call, 'bob', true);
 * if (typeof outcome === 'object' && 'devices' in outcome && outcome.waiting) console.log('bob is in another call');
 * ```
 */
export async function reach(context: RulesContext, call: CallRecord, callee: string, settleGlare: boolean): Promise<ReachOutcome> {
  const [presence, devices] = await Promise.all([context.store.getPresence(callee), context.store.listDevices(callee)]);
  if (presence === 'do-not-disturb') return 'do-not-disturb';
  const engaged = await engagement(context, call, callee, settleGlare);
  if (engaged === 'busy' || typeof engaged === 'object') return engaged;
  const waiting = engaged === 'waiting';
  if (devices.some((device) => device.connected && !device.hidden)) return { devices: true, pushed: false, waiting };
  const webPushed = await context.pushRing(call, callee);
  if (devices.length > 0) return { devices: true, pushed: webPushed, waiting };
  const appPushed = await context.unreachable({
    call: toCallInfo(call),
    user: callee,
    event: 'invite',
    ...(call.push ? { push: call.push } : {}),
  });
  return webPushed || appPushed ? { devices: false, pushed: true, waiting } : 'offline';
}
