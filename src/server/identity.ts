/**
 * LiveKit participant identities: unique per device, carrying the user id.
 *
 * @packageDocumentation
 */

/**
 * The LiveKit identity of one device of a user: `user#device`, so two tabs of
 * one user never collide in a room.
 *
 * @example
 * ```ts
 * deviceIdentity('alice', 'k3f9x2'); // 'alice#k3f9x2'
 * ```
 */
export function deviceIdentity(user: string, device: string): string {
  return `${user}#${device}`;
}
