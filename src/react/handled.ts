/**
 * Promises the hooks hand out: awaited by the caller, or not.
 *
 * @packageDocumentation
 */

/**
 * `promise` with a no-op rejection handler attached, so a rejection nobody awaits is not
 * "unhandled"; callers that await it still see the rejection (also on the client's `error`).
 *
 * @example
 * ```ts
 * hangup: () => handled(client.hangup()),
 * ```
 *
 * @internal
 */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
