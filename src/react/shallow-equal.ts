/**
 * Equality for selections: the same value, or objects (or arrays) whose own
 * fields are the same values.
 *
 * @packageDocumentation
 */

/**
 * Whether `a` and `b` are the same value, or objects of the same own keys holding the same values.
 *
 * @example
 * ```ts
 * shallowEqual({ status: 'active', muted: false }, { status: 'active', muted: false }); // true
 * shallowEqual([1, 2], [1, 2]); // true
 * ```
 *
 * @internal
 */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && Object.is(a[key as keyof T], b[key as keyof T]));
}
