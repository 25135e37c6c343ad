/**
 * Store records are immutable values: the stores freeze what they keep and
 * hand it out without copying.
 *
 * @packageDocumentation
 */

/**
 * Freeze a record and everything in it; returns it.
 *
 * @example
 * ```ts
 * calls.set(call.callId, deepFreeze(call));
 * ```
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}
