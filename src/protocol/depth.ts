/**
 * Nesting depth of decoded JSON, measured without recursion, so a hostile
 * frame nested thousands of levels deep is refused before anything that
 * recurses (schema checks, `JSON.stringify`) looks at it.
 *
 * @packageDocumentation
 */

/** Deepest nesting of objects and arrays an app payload (`extra`, custom message `data`) may have. */
export const MAX_PAYLOAD_DEPTH = 32;

/**
 * Deepest nesting of objects and arrays in a whole frame: a payload's limit
 * plus room for the envelope around it (for example `welcome.calls[].extra`).
 */
export const MAX_FRAME_DEPTH = MAX_PAYLOAD_DEPTH + 8;

/**
 * Whether `value` nests objects and arrays deeper than `limit` levels (the
 * value itself is level 1 when it is an object or array). Iterative: safe on
 * any depth, and stops as soon as the limit is passed.
 *
 * @example
 * ```ts
 * nestedDeeperThan({ a: [1] }, 1); // true: the object is level 1, the array level 2
 * nestedDeeperThan('text', 0);     // false: strings and numbers do not nest
 * ```
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth > limit) return true;
    const children: unknown[] = Array.isArray(item.value) ? item.value : Object.values(item.value);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: item.depth + 1 });
    }
  }
  return false;
}
