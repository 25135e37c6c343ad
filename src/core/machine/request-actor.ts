/**
 * The request actor of a call: one message about the call, sent over the
 * client's connection. Its output says how it settled: the reply, or the typed
 * `RingError` (it never fails, so a refused request is a machine event like any other).
 *
 * @packageDocumentation
 */
import { fromPromise } from 'xstate';
import type { Connection, Reply } from '../client/connection.js';
import { RingError, toRingError } from '../errors.js';
import type { RequestInput, RequestResult } from './types.js';

/**
 * The request actor logic of a client's calls; messages wait in the connection's queue while it reconnects.
 *
 * @example
 * ```ts
 * const machine = callMachine.provide({ actors: { request: callRequestActor(connection.request) } });
 * ```
 */
export function callRequestActor(request: Connection['request']) {
  return fromPromise<RequestResult, RequestInput>(({ input }) =>
    request(input.message, { queue: true }).then(
      (reply: Reply): RequestResult => ({ ok: true, reply }),
      (error: unknown): RequestResult => ({ ok: false, error: toRingError(error, 'unavailable', input.message.callId) }),
    ),
  );
}

/**
 * The request actor a call machine has until its client provides one: every request fails with `not-connected`.
 *
 * @example
 * ```ts
 * setup({ actors: { request: unconnectedRequestActor } });
 * ```
 */
export const unconnectedRequestActor = fromPromise<RequestResult, RequestInput>(async ({ input }) => ({
  ok: false,
  error: new RingError('not-connected', `no connection to send ${input.message.type}: provide the call machine's request actor`, {
    callId: input.message.callId,
  }),
}));
