/**
 * Can a callee ring? Do-not-disturb, busy (claimed by another call), offline
 * (no device; unless the app pushed a notification).
 *
 * @packageDocumentation
 */
import type { EndReason } from '../../core/protocol.js';
import { findMember, isPresent, toCallInfo, type CallRecord } from '../call-record.js';
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
 * Why `callee` cannot ring for `call`, `'pushed'` when the app pushed a
 * notification instead, or `undefined` when they ring (and are claimed).
 *
 * @example
 * ```ts
 * const outcome = await reach(context, call, 'bob'); // 'busy' | 'offline' | 'do-not-disturb' | 'pushed' | undefined
 * ```
 */
export async function reach(context: RulesContext, call: CallRecord, callee: string): Promise<EndReason | 'pushed' | undefined> {
  if ((await context.store.getPresence(callee)) === 'do-not-disturb') return 'do-not-disturb';
  if (await claimUser(context, callee, call.callId)) return 'busy';
  if ((await context.store.listDevices(callee)).length > 0) return undefined;
  const pushed = await context.unreachable({
    call: toCallInfo(call),
    user: callee,
    event: 'invite',
    ...(call.push ? { push: call.push } : {}),
  });
  return pushed ? 'pushed' : 'offline';
}
