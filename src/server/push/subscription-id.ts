/**
 * A subscription's id: a short hash of its endpoint (the endpoint itself is a
 * capability URL and stays out of tickets and logs).
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';

/**
 * The id of the subscription at `endpoint` (22 base64url characters).
 *
 * @example
 * ```ts
 * subscriptionId('https://fcm.googleapis.com/fcm/send/abc'); // 'q3X...'
 * ```
 */
export function subscriptionId(endpoint: string): string {
  return createHash('sha256').update(endpoint).digest('base64url').slice(0, 22);
}
