/**
 * Can a callee ring? Do-not-disturb, busy (claimed by another call), offline
 * (no device; unless a push notification went out). A callee with devices but
 * none visible rings on them and is also pushed.
 *
 * @packageDocumentation
 */
import type { EndReason } from '../../protocol/protocol.js';
import { findMember, isPending, isPresent, toCallInfo, type CallRecord } from '../call-record.js';
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

/**
 * Mutual glare: `ours` (A calls B) and `theirs` (B calls A) were both created
 * and both callers claimed before either reached the other (possible when A
 * and B are served by different processes).
 */
function isMutualGlare(ours: CallRecord, theirs: CallRecord, callee: string): boolean {
  const caller = findMember(theirs, ours.from);
  return (
    ours.members.length === 2 &&
    theirs.members.length === 2 &&
    theirs.status === 'ringing' &&
    theirs.from === callee &&
    caller !== undefined &&
    isPending(caller)
  );
}

/**
 * What reaching a callee came to: `undefined` (they ring), a reason they
 * cannot, `'pushed'` (no device; a push went out), `'ringing-pushed'` (they ring
 * on hidden devices and a push went out), or (mutual glare) the other side's call to yield to.
 */
export type ReachOutcome = EndReason | 'pushed' | 'ringing-pushed' | { yieldTo: CallRecord } | undefined;

/**
 * Why `callee` cannot ring for `call`, `'pushed'` when the app pushed a
 * notification instead, or `undefined` when they ring (and are claimed).
 * Mutual glare is settled by call id: the call with the smaller id goes on
 * (its callee rings unclaimed until their own invite yields to it), the
 * other yields (`{ yieldTo }`). Only invites settle glare (`settleGlare`).
 *
 * @example
 * ```ts
 * const outcome = await reach(context, call, 'bob', true); // 'busy' | 'offline' | 'do-not-disturb' | 'pushed' | 'ringing-pushed' | { yieldTo } | undefined
 * ```
 */
export async function reach(context: RulesContext, call: CallRecord, callee: string, settleGlare: boolean): Promise<ReachOutcome> {
  const [presence, devices] = await Promise.all([context.store.getPresence(callee), context.store.listDevices(callee)]);
  if (presence === 'do-not-disturb') return 'do-not-disturb';
  const held = await claimUser(context, callee, call.callId);
  if (held) {
    if (!settleGlare || !held.call || !isMutualGlare(call, held.call, callee)) return 'busy';
    return held.call.callId < call.callId ? { yieldTo: held.call } : undefined;
  }
  if (devices.some((device) => device.connected && !device.hidden)) return undefined;
  const webPushed = await context.pushRing(call, callee);
  if (devices.length > 0) return webPushed ? 'ringing-pushed' : undefined;
  const appPushed = await context.unreachable({
    call: toCallInfo(call),
    user: callee,
    event: 'invite',
    ...(call.push ? { push: call.push } : {}),
  });
  return webPushed || appPushed ? 'pushed' : 'offline';
}
