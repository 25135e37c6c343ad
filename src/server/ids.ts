/**
 * Random ids for sessions, devices, locks and events, from the Web Crypto API
 * (Node 20+ and browsers). Random bytes are drawn 1 KiB at a time and each
 * byte is used once: one `getRandomValues` costs about as much for 1 KiB as
 * for 20 bytes, and ids are made on the ring path (user locks, webhook events).
 *
 * @packageDocumentation
 */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const pool = new Uint8Array(1024);
let used = pool.length;

/**
 * A random lowercase alphanumeric id of `length` characters.
 *
 * @throws RangeError when `length` is over 1024.
 * @example
 * ```ts
 * randomId(6); // 'k3f9x2'
 * ```
 */
export function randomId(length: number): string {
  if (length > pool.length) throw new RangeError(`randomId makes ids of at most ${pool.length} characters, not ${length}`);
  if (used + length > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    used = 0;
  }
  let id = '';
  for (let index = used; index < used + length; index += 1) id += ALPHABET[(pool[index] ?? 0) % ALPHABET.length];
  used += length;
  return id;
}
