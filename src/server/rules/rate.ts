/**
 * A member rates a call that ended for them: the rating is stored in their
 * history entry and reported (`onFeedback`, the `call.rated` event).
 *
 * @packageDocumentation
 */
import type { CallRating, ClientMessageOf } from '../../protocol/protocol.js';
import { fail, ok, type Actor, type RulesContext } from './context.js';

/**
 * `rate`: only a call in the rater's own history can be rated (anything else
 * is `not-found`, so nobody learns about calls they were not in); a later
 * rating replaces an earlier one.
 *
 * @example
 * ```ts
 * await rate(context, actor, { type: 'rate', id: 'r9', callId: 'c1', score: 4, issues: ['echo'] });
 * ```
 */
export async function rate(context: RulesContext, actor: Actor, message: ClientMessageOf<'rate'>): Promise<void> {
  const rating: CallRating = {
    score: message.score,
    ...(message.issues?.length ? { issues: message.issues } : {}),
    ...(message.comment ? { comment: message.comment } : {}),
    ratedAt: context.clock.now(),
  };
  const entry = await context.store.rateHistory(actor.user, message.callId, rating);
  if (!entry) return fail(actor, message.id, 'not-found', 'no such call in your history', message.callId);
  ok(actor, message.id);
  context.emit({ type: 'call.rated', callId: message.callId, user: actor.user, device: actor.device, rating, entry });
}
