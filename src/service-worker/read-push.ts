/**
 * Read a push payload defensively: the worker shows only well-formed calls.
 * (Checked by hand, to keep zod out of the worker.)
 *
 * @packageDocumentation
 */
import type { CallPush, RingPush } from '../protocol/push.js';

const isText = (value: unknown, max = 4096): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

function readRing(data: Record<string, unknown>): RingPush | undefined {
  const { callId, from, media, expiresAt, ticket, declineUrl, extra, push } = data;
  if (!isText(callId, 128) || !isText(from, 128) || (media !== 'audio' && media !== 'video')) return undefined;
  if (typeof expiresAt !== 'number' || !isText(ticket) || !isText(declineUrl, 2048) || !/^https?:\/\//.test(declineUrl)) return undefined;
  const text = push as { title?: unknown; body?: unknown } | undefined;
  const ownText = text && isText(text.title, 256) && typeof text.body === 'string' ? { push: { title: text.title, body: text.body } } : {};
  const ownExtra = typeof extra === 'object' && extra !== null && !Array.isArray(extra) ? { extra: extra as RingPush['extra'] } : {};
  return { type: 'ring', callId, from, media, expiresAt, ticket, declineUrl, ...ownExtra, ...ownText };
}

/**
 * The call push in a push event's text, or undefined when it is not one.
 *
 * @example
 * ```ts
 * const push = readCallPush(event.data?.text());
 * ```
 */
export function readCallPush(text: string | undefined): CallPush | undefined {
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  if (record.type === 'ring') return readRing(record);
  if (record.type === 'withdraw' && isText(record.callId, 128)) return { type: 'withdraw', callId: record.callId };
  return undefined;
}
