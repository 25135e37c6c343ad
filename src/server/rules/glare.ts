/**
 * Glare: two people calling each other at once get one connected call. With
 * call waiting off the callee's claim is where two invites meet; with it on a
 * ringing callee is not claimed, so two 1:1 invites meet at the claim of
 * their pair of users instead.
 *
 * @packageDocumentation
 */
import { findMember, isPending, type CallRecord } from '../call-record.js';
import type { RulesContext } from './context.js';

/**
 * Glare: `user` calls `callee` while `callee`'s 1:1 call to `user` rings.
 *
 * @example
 * ```ts
 * if (isGlare(theirs, 'alice', 'bob')) console.log('answer bob's call instead');
 * ```
 */
export function isGlare(theirs: CallRecord, user: string, callee: string): boolean {
  const me = findMember(theirs, user);
  return theirs.status === 'ringing' && theirs.from === callee && theirs.members.length === 2 && me !== undefined && isPending(me);
}

/**
 * Mutual glare: `ours` (A calls B) and `theirs` (B calls A) were both created
 * and both callers claimed before either reached the other (possible when A
 * and B are served by different processes).
 *
 * @example
 * ```ts
 * if (isMutualGlare(ours, theirs, 'bob')) console.log('the call with the smaller id goes on');
 * ```
 */
export function isMutualGlare(ours: CallRecord, theirs: CallRecord, callee: string): boolean {
  return ours.members.length === 2 && isGlare(theirs, ours.from, callee);
}

/** The claim key of two users' 1:1 calls (ids hold no whitespace, so it is nobody's user id). */
function pairOf(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

const PAIR_ATTEMPTS = 3;

/**
 * Claim the pair of users of a new 1:1 call for it, or the other side's call
 * already ringing for this caller (answer that one instead). Two such invites
 * meet here atomically, on one process or several: the second yields.
 *
 * @example
 * ```ts
 * const theirs = await claimPair(context, call, 'bob');
 * if (theirs) await joinByGlare(theirs);
 * ```
 */
export async function claimPair(context: RulesContext, call: CallRecord, callee: string): Promise<CallRecord | undefined> {
  const pair = pairOf(call.from, callee);
  let replacing: string | undefined;
  for (let attempt = 0; attempt < PAIR_ATTEMPTS; attempt += 1) {
    const holder = await context.store.claimUser(pair, call.callId, replacing);
    if (holder === undefined) return undefined;
    const theirs = await context.store.getCall(holder);
    if (theirs && isGlare(theirs, call.from, callee)) return theirs;
    replacing = holder;
  }
  return undefined;
}

/**
 * Let go of the pair claim of a 1:1 call that ended (call waiting on; off, pairs are not claimed).
 *
 * @example
 * ```ts
 * await releasePair(context, endedCall);
 * ```
 */
export async function releasePair(context: RulesContext, call: CallRecord): Promise<void> {
  const [first, second] = call.members;
  if (context.callWaiting && call.members.length === 2 && first && second) await context.store.releaseUser(pairOf(first.user, second.user), call.callId);
}
