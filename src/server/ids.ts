/**
 * Random ids for sessions and devices, from the Web Crypto API (Node 20+ and browsers).
 *
 * @packageDocumentation
 */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A random lowercase alphanumeric id of `length` characters.
 *
 * @example
 * ```ts
 * randomId(6); // 'k3f9x2'
 * ```
 */
export function randomId(length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
