/**
 * Web Push on the wire: the subscription a browser hands the server, and the
 * payloads the server pushes to a callee's service worker.
 *
 * @packageDocumentation
 */
import * as z from 'zod';
import type { Extra, Media, Push } from './protocol.js';

/** Bytes a base64url (or base64) string decodes to, or -1 when it is not base64url. */
function base64UrlBytes(text: string): number {
  const body = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) return -1;
  return Math.floor((body.length * 3) / 4);
}

/** Schema of a base64url key of `bytes` bytes. */
const keyOf = (bytes: number, what: string) =>
  z
    .string()
    .max(128)
    .refine((text) => base64UrlBytes(text) === bytes, `${what} must be ${bytes} bytes of base64url`);

/**
 * Schema of a Web Push subscription as `PushSubscription.toJSON()` gives it:
 * an http(s) endpoint and the browser's P-256 key (65 bytes) and auth secret (16 bytes).
 */
export const PushSubscriptionSchema = z.strictObject({
  endpoint: z
    .string()
    .max(2048)
    .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), 'endpoint must be an http(s) URL'),
  expirationTime: z.number().nullable().optional(),
  keys: z.strictObject({ p256dh: keyOf(65, 'p256dh'), auth: keyOf(16, 'auth') }),
});
/** A Web Push subscription (`PushSubscription.toJSON()`). */
export type PushSubscriptionJSON = z.infer<typeof PushSubscriptionSchema>;

/**
 * What the server pushes when a call rings a callee with no visible device.
 * `ticket` declines it (`POST declineUrl` with `{ ticket }`) without opening the app.
 *
 * @example
 * ```ts
 * const ring: RingPush = { type: 'ring', callId: 'c1', from: 'alice', media: 'video', expiresAt, ticket, declineUrl };
 * ```
 */
export interface RingPush {
  type: 'ring';
  callId: string;
  from: string;
  media: Media;
  /** The invite's `extra`, left out when it would not fit in a push (4 KiB). */
  extra?: Extra;
  /** The invite's own notification text. */
  push?: Push;
  /** When the call stops ringing for this callee (epoch ms). */
  expiresAt: number;
  /** Signed, short-lived: declines this ring for this user from this subscription. */
  ticket: string;
  /** Where to post the ticket. */
  declineUrl: string;
}

/**
 * What the server pushes when that ring ends (answered, cancelled, timed out, declined): close the notification.
 *
 * @example
 * ```ts
 * const withdraw: WithdrawPush = { type: 'withdraw', callId: 'c1' };
 * ```
 */
export interface WithdrawPush {
  type: 'withdraw';
  callId: string;
}

/** Every payload the server pushes. */
export type CallPush = RingPush | WithdrawPush;
