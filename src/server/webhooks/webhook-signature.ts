/**
 * Webhook signatures: HMAC-SHA256 over `timestamp.body`, sent in headers with
 * the event id, and the receiver's check (signature, then age).
 *
 * @packageDocumentation
 */
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import * as z from 'zod';
import { CALL_EVENT_TYPES, type CallEventType } from '../events/call-event.js';

/** Header names of a webhook request. */
export const WEBHOOK_HEADERS = {
  /** The event id (`evt_...`), the same on every retry of one event. */
  id: 'ringkit-webhook-id',
  /** Unix time (seconds) of this attempt, covered by the signature. */
  timestamp: 'ringkit-webhook-timestamp',
  /** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
  signature: 'ringkit-webhook-signature',
} as const;

/** How old a webhook may be before {@link verifyWebhook} refuses it (seconds). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * What a webhook body holds.
 *
 * @example
 * ```ts
 * const event: WebhookEvent = { id: 'evt_1', type: 'call.ended', time: '2026-01-01T00:00:00.000Z', data: { callId: 'c1', reason: 'completed' } };
 * ```
 */
export interface WebhookEvent {
  /** Unique per event; retries repeat it, so receivers drop ids they have seen. */
  id: string;
  type: CallEventType;
  /** When the server decided the change (ISO 8601). */
  time: string;
  data: Record<string, unknown> & { callId: string };
}

const WebhookEventSchema = z.object({
  id: z.string().min(1),
  type: z.enum(CALL_EVENT_TYPES),
  time: z.iso.datetime(),
  data: z.looseObject({ callId: z.string() }),
});

/** Why {@link verifyWebhook} refused a request. */
export type WebhookErrorCode = 'missing-header' | 'bad-signature' | 'too-old' | 'bad-body';

/**
 * A webhook that must not be trusted.
 *
 * @example
 * ```ts
 * try { verifyWebhook(body, headers, secret); } catch (error) { if (error instanceof WebhookVerificationError) response.status(400); }
 * ```
 */
export class WebhookVerificationError extends Error {
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

function hmac(secret: string | KeyObject, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The headers that sign one attempt of a webhook. `secret` may be a
 * `KeyObject` made once (`createSecretKey`), which saves importing the key
 * on every signature.
 *
 * @example
 * ```ts
 * const headers = signWebhook(body, 'evt_1', secret, Math.floor(Date.now() / 1000));
 * ```
 */
export function signWebhook(body: string, id: string, secret: string | KeyObject, timestamp: number): Record<string, string> {
  const time = String(timestamp);
  return { [WEBHOOK_HEADERS.id]: id, [WEBHOOK_HEADERS.timestamp]: time, [WEBHOOK_HEADERS.signature]: `v1=${hmac(secret, time, body)}` };
}

/** Request headers as Node (`IncomingMessage.headers`) or fetch (`Headers`) give them. */
export type WebhookRequestHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: WebhookRequestHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === 'string' ? value : value?.[0];
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Check a webhook request and return its event: the signature must match
 * `secret` (any of several, while you rotate secrets) and the timestamp must
 * be at most 5 minutes old (or in the future). Pass the raw body, exactly as
 * received. To stop replays within those 5 minutes too, remember the ids of
 * the events you handled (at least 5 minutes) and skip repeats; retries of
 * one event repeat its id.
 *
 * @throws WebhookVerificationError when a header is missing, the signature
 *   does not match, the timestamp is too old, or the body is not an event.
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { verifyWebhook } from 'ringkit/server';
 *
 * createServer((request, response) => {
 *   let body = '';
 *   request.on('data', (chunk) => (body += chunk));
 *   request.on('end', () => {
 *     try {
 *       const event = verifyWebhook(body, request.headers, process.env.RINGKIT_WEBHOOK_SECRET!);
 *       console.log(event.type, event.data.callId);
 *       response.writeHead(204).end();
 *     } catch {
 *       response.writeHead(400).end();
 *     }
 *   });
 * }).listen(3000);
 * ```
 */
export function verifyWebhook(
  body: string | Uint8Array,
  headers: WebhookRequestHeaders,
  secret: string | readonly string[],
  options: { toleranceSeconds?: number; now?: number } = {},
): WebhookEvent {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const timestamp = header(headers, WEBHOOK_HEADERS.timestamp);
  const signature = header(headers, WEBHOOK_HEADERS.signature);
  if (timestamp === undefined || signature === undefined) throw new WebhookVerificationError('missing-header', 'the webhook has no timestamp or signature header');
  const given = signature.split(',').flatMap((part) => (part.trim().startsWith('v1=') ? [part.trim().slice(3)] : []));
  const secrets = typeof secret === 'string' ? [secret] : secret;
  const valid = /^\d{1,12}$/.test(timestamp) && secrets.some((key) => given.some((candidate) => sameHex(candidate, hmac(key, timestamp, text))));
  if (!valid) throw new WebhookVerificationError('bad-signature', 'the webhook signature does not match');
  const now = options.now ?? Date.now();
  if (now / 1000 - Number(timestamp) > (options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) {
    throw new WebhookVerificationError('too-old', 'the webhook is older than the tolerance (a replay?)');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new WebhookVerificationError('bad-body', 'the webhook body is not JSON');
  }
  const parsed = WebhookEventSchema.safeParse(data);
  if (!parsed.success) throw new WebhookVerificationError('bad-body', 'the webhook body is not a ringkit event');
  return parsed.data as WebhookEvent;
}
