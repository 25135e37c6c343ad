/**
 * One Web Push request (RFC 8030/8291/8292): `web-push` encrypts the payload
 * and signs the VAPID header, `fetch` sends it (plain http endpoints included,
 * which `web-push`'s own sender cannot reach).
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import webpush from 'web-push';
import type { PushSubscriptionJSON } from '../../protocol/push.js';

/**
 * VAPID identity of the application server.
 *
 * @example
 * ```ts
 * const vapid: VapidKeys = { vapidPublicKey, vapidPrivateKey, subject: 'mailto:ops@example.com' };
 * ```
 */
export interface VapidKeys {
  /** Public key, base64url (65 bytes, uncompressed P-256). */
  vapidPublicKey: string;
  /** Private key, base64url (32 bytes). */
  vapidPrivateKey: string;
  /** Contact for push services: a `mailto:` or `https:` URL. */
  subject: string;
}

/** How a push request went: the push service's status, or `error` when it could not be reached in time. */
export type PushOutcome = { status: number } | { error: string };

/** Options of one push request. */
export interface PushRequestOptions {
  /** Seconds the push service keeps the message for an offline browser. */
  ttlSeconds: number;
  /** Messages with the same topic replace each other at the push service. */
  topic: string;
  /** Give up after this long (ms). */
  timeoutMs: number;
}

/**
 * A push topic for `key`: itself when it is 1 to 32 URL-safe characters, else a hash of it.
 *
 * @example
 * ```ts
 * pushTopic('c1'); // 'c1'
 * ```
 */
export function pushTopic(key: string): string {
  return /^[A-Za-z0-9_-]{1,32}$/.test(key) ? key : createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

/**
 * Check VAPID keys and subject as `web-push` would when signing.
 *
 * @throws Error naming what is wrong.
 * @example
 * ```ts
 * checkVapidKeys({ vapidPublicKey, vapidPrivateKey, subject: 'mailto:ops@example.com' });
 * ```
 */
export function checkVapidKeys(vapid: VapidKeys): void {
  try {
    webpush.getVapidHeaders('https://push.example', vapid.subject, vapid.vapidPublicKey, vapid.vapidPrivateKey, 'aes128gcm');
  } catch (error) {
    throw new Error(`invalid VAPID settings: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Encrypt `payload` for `subscription` and send it with urgency high. Never throws.
 *
 * @example
 * ```ts
 * const outcome = await sendPush(vapid, subscription, JSON.stringify(payload), { ttlSeconds: 60, topic: 'c1', timeoutMs: 10_000 });
 * if ('status' in outcome && outcome.status === 410) forget(subscription);
 * ```
 */
export async function sendPush(vapid: VapidKeys, subscription: PushSubscriptionJSON, payload: string, options: PushRequestOptions): Promise<PushOutcome> {
  try {
    const request = webpush.generateRequestDetails({ endpoint: subscription.endpoint, keys: subscription.keys }, payload, {
      vapidDetails: { subject: vapid.subject, publicKey: vapid.vapidPublicKey, privateKey: vapid.vapidPrivateKey },
      TTL: options.ttlSeconds,
      urgency: 'high',
      topic: options.topic,
      contentEncoding: 'aes128gcm',
    });
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers,
      body: new Uint8Array(request.body),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
