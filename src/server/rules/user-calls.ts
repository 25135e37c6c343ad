/**
 * The calls one user is part of: with call waiting a user may ring in, hold
 * and be active in several calls at once.
 *
 * @packageDocumentation
 */
import { findMember, isPresent, type CallRecord } from '../call-record.js';
import type { RulesContext } from './context.js';

/** Most calls one user may be part of at once (the wire's limit on `welcome.calls`). */
export const MAX_USER_CALLS = 64;

/**
 * Every call `user` is still part of (ringing, placing, in it, holding it),
 * oldest first. Index entries of calls they are no longer part of are dropped.
 *
 * @example
 * ```ts
 * const calls = await callsOf(context, 'bob');
 * const ringing = calls.filter((call) => isPending(findMember(call, 'bob')!));
 * ```
 */
export async function callsOf(context: RulesContext, user: string): Promise<CallRecord[]> {
  const ids = await context.store.listUserCalls(user);
  const records = await Promise.all(ids.map((callId) => context.store.getCall(callId)));
  const live: CallRecord[] = [];
  const stale: string[] = [];
  for (const [index, callId] of ids.entries()) {
    const call = records[index];
    const me = call && findMember(call, user);
    if (call && call.status !== 'ended' && me && isPresent(me)) live.push(call);
    else stale.push(callId);
  }
  await Promise.all(stale.map((callId) => context.store.unindexCall(callId, user)));
  return live.sort((a, b) => a.createdAt - b.createdAt || a.callId.localeCompare(b.callId)).slice(-MAX_USER_CALLS);
}
