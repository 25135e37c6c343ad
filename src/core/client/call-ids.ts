/**
 * Call ids, made on the client so a call can be named before the server answers.
 *
 * @packageDocumentation
 */

/** Random bytes per id: 20 base-36 characters. */
const ID_BYTES = 20;
/** Bytes drawn at once: one `getRandomValues` serves 25 ids (each call costs tens of microseconds in Node). */
const POOL_BYTES = 25 * ID_BYTES;

let pool = new Uint8Array(0);
let used = 0;

/**
 * A new call id: 20 random base-36 characters from `crypto.getRandomValues`
 * (works outside secure contexts, unlike `randomUUID`).
 *
 * @example
 * ```ts
 * newCallId(); // 'k3f9x0...'
 * ```
 */
export function newCallId(): string {
  if (used + ID_BYTES > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    used = 0;
  }
  let id = '';
  for (let index = used; index < used + ID_BYTES; index += 1) id += ((pool[index] ?? 0) % 36).toString(36);
  // Each byte is used once.
  pool.fill(0, used, used + ID_BYTES);
  used += ID_BYTES;
  return id;
}
