/**
 * `POST /calls/:callId/decline` with `{ "ticket": "..." }`: a service worker
 * declines a ring from its notification, with no page and no connection. The
 * ticket must be valid, for this call, from a subscription the user still has,
 * and for the ring that is still on; then the call is declined exactly as by `reject`.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { IdSchema } from '../../protocol/protocol.js';
import { findMember, isPending } from '../call-record.js';
import type { CallService } from '../call-service.js';
import type { Clock } from '../clock.js';
import type { RingStore } from '../stores/store.js';
import { verifyDeclineTicket } from './decline-ticket.js';
import type { PushSubscriptionStore } from './subscription-store.js';

const MAX_BODY_BYTES = 8 * 1024;
const PATH = /^\/calls\/([^/]+)\/decline$/;
const BodySchema = z.strictObject({ ticket: z.string().min(1).max(4096) });

/** What the route needs. */
export interface DeclineRouteOptions {
  service: Pick<CallService, 'rejectAs'>;
  store: Pick<RingStore, 'getCall'>;
  subscriptions: PushSubscriptionStore;
  clock: Clock;
  /** The ticket key ({@link ticketKey}). */
  key: Uint8Array;
  log: (line: string) => void;
}

/** The route's answer: a status and a machine-readable error code when refused. */
interface Answer {
  status: number;
  error?: string;
  message?: string;
}

function send(response: ServerResponse, answer: Answer): void {
  const body = answer.error ? { ok: false, error: answer.error, message: answer.message } : { ok: true };
  response
    .writeHead(answer.status, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    })
    .end(answer.status === 204 ? undefined : JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseTicket(text: string): string | undefined {
  try {
    const parsed = BodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.ticket : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Make the decline route: `handle` answers and returns true for its path, false for any other.
 *
 * @example
 * ```ts
 * const route = createDeclineRoute({ service, store, subscriptions, clock, key, log });
 * http.createServer((request, response) => route(request, response) || notFound(response));
 * ```
 */
export function createDeclineRoute(options: DeclineRouteOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  const { service, store, subscriptions, clock, key, log } = options;

  async function decline(callId: string, request: IncomingMessage): Promise<Answer> {
    const text = await readBody(request);
    if (text === undefined) return { status: 413, error: 'too-large', message: `the body must be at most ${MAX_BODY_BYTES} bytes` };
    const ticket = parseTicket(text);
    if (ticket === undefined) return { status: 400, error: 'bad-message', message: 'send {"ticket": "<the ticket from the push>"}' };
    const now = clock.now();
    const claims = await verifyDeclineTicket(key, ticket, now);
    if (!claims) return { status: 401, error: 'invalid-ticket', message: 'the ticket is forged, malformed or expired' };
    if (claims.callId !== callId) return { status: 403, error: 'forbidden', message: 'the ticket is for another call' };
    const subscribed = (await subscriptions.list(claims.user, now)).some((record) => record.id === claims.subscription);
    if (!subscribed) return { status: 403, error: 'forbidden', message: 'the subscription the ticket was pushed to is gone' };
    const call = await store.getCall(callId);
    const member = call && findMember(call, claims.user);
    if (!call || call.status === 'ended' || !member || !isPending(member) || member.ringUntil !== claims.ringUntil) {
      return { status: 409, error: 'not-ringing', message: 'this ring is over' };
    }
    const reply = await service.rejectAs(claims.user, `push-${claims.subscription.slice(0, 8)}`, callId);
    if (reply.type === 'error') return { status: 409, error: reply.code, message: reply.message };
    log(`call ${callId} declined by ${claims.user} from a push notification`);
    return { status: 204 };
  }

  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const match = PATH.exec(path);
    if (!match) return false;
    let callId: string;
    try {
      callId = decodeURIComponent(match[1] ?? '');
    } catch {
      callId = '';
    }
    if (request.method === 'OPTIONS') {
      send(response, { status: 204 });
      return true;
    }
    if (request.method !== 'POST') {
      send(response, { status: 405, error: 'method-not-allowed', message: 'POST the ticket' });
      return true;
    }
    if (!IdSchema.safeParse(callId).success) {
      send(response, { status: 400, error: 'bad-message', message: 'invalid call id' });
      return true;
    }
    decline(callId, request)
      .then((answer) => send(response, answer))
      .catch((error: unknown) => {
        log(`decline of call ${callId} failed: ${String(error)}`);
        send(response, { status: 500, error: 'internal', message: 'the server failed to decline' });
      });
    return true;
  };
}
