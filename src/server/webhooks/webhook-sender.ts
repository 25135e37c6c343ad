/**
 * Webhook delivery off the call path: an event is only recorded when the
 * rules report it; its body is built, signed and posted later, after the
 * frames of the decision are written and the socket reads that were ready
 * then are handled. Each event is queued per endpoint and call (so one
 * call's events arrive in order), posted signed, retried with exponential
 * backoff and jitter for a bounded time, and counted.
 *
 * @packageDocumentation
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import * as z from 'zod';
import { CALL_EVENT_TYPES, callIdOf, type CallEvent, type CallEventType } from '../events/call-event.js';
import { randomId } from '../ids.js';
import type { ServerLog } from '../logging/server-log.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import { toWebhookEvent } from './webhook-payload.js';
import { createWebhookPoster, webhookTarget, type WebhookTarget } from './webhook-post.js';
import { signWebhook } from './webhook-signature.js';

/**
 * One receiver of webhooks.
 *
 * @example
 * ```ts
 * const endpoint: WebhookEndpoint = { url: 'https://api.example.com/ringkit', secret: process.env.RINGKIT_WEBHOOK_SECRET!, events: ['call.ended'] };
 * ```
 */
export interface WebhookEndpoint {
  /** `http://` or `https://` URL that receives the POSTs. */
  url: string;
  /** Key of the HMAC-SHA256 signature (share it with the receiver only). */
  secret: string;
  /** The events it wants. Default: all. */
  events?: readonly CallEventType[];
}

/**
 * How long and how often a webhook is retried.
 *
 * @example
 * ```ts
 * const retry: WebhookRetry = { firstDelayMs: 500, maxDelayMs: 30_000, giveUpAfterMs: 600_000 };
 * ```
 */
export interface WebhookRetry {
  /** Delay before the first retry (ms); doubles on each retry, with jitter. Default 1 000. */
  firstDelayMs?: number;
  /** Longest delay between attempts (ms). Default 60 000. */
  maxDelayMs?: number;
  /** Stop retrying an event this long after its first attempt (ms). Default 3 600 000 (one hour). */
  giveUpAfterMs?: number;
  /** Time limit of one attempt (ms). Default 10 000. */
  attemptTimeoutMs?: number;
}

const EndpointSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1),
  events: z.array(z.enum(CALL_EVENT_TYPES)).optional(),
});

/**
 * Check webhook endpoints given in code or on the command line.
 *
 * @throws Error naming the bad endpoint and field.
 * @example
 * ```ts
 * const endpoints = parseWebhookEndpoints([{ url: 'https://api.example.com/hook', secret }]);
 * ```
 */
export function parseWebhookEndpoints(endpoints: unknown): WebhookEndpoint[] {
  const parsed = z.array(EndpointSchema).safeParse(endpoints);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`webhooks[${issue?.path.join('.') ?? ''}]: ${issue?.message ?? 'invalid'}`);
}

/** Delivers call events to webhook endpoints. */
export interface WebhookSender {
  /** Record one event for every endpoint that wants it; returns at once (the work happens after the current I/O). */
  enqueue(event: CallEvent): void;
  /** Wait until everything queued is delivered or given up, at most `deadlineMs`; resolves with the events still undelivered. */
  flush(deadlineMs: number): Promise<number>;
  /** Stop: timers cleared, connections closed, nothing more is sent. */
  close(): void;
}

/** An endpoint with what every delivery to it reuses: where to POST, the signing key, the events it wants. */
interface Receiver {
  endpoint: WebhookEndpoint;
  index: number;
  target: WebhookTarget;
  key: KeyObject;
  wants: ReadonlySet<CallEventType> | undefined;
}

interface Job {
  receiver: Receiver;
  id: string;
  type: CallEventType;
  callId: string;
  body: string;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * Make a webhook sender.
 *
 * @example
 * ```ts
 * const webhooks = createWebhookSender([{ url, secret }], { log: console.log });
 * const service = createCallService({ onEvent: webhooks.enqueue });
 * ```
 */
export function createWebhookSender(
  endpoints: readonly WebhookEndpoint[],
  options: { log: ServerLog; metrics?: ServerMetrics; retry?: WebhookRetry },
): WebhookSender {
  const retry = { firstDelayMs: 1_000, maxDelayMs: 60_000, giveUpAfterMs: 3_600_000, attemptTimeoutMs: 10_000, ...options.retry };
  const { log, metrics } = options;
  const receivers: Receiver[] = endpoints.map((endpoint, index) => ({
    endpoint,
    index,
    target: webhookTarget(endpoint.url),
    key: createSecretKey(Buffer.from(endpoint.secret, 'utf8')),
    wants: endpoint.events && new Set(endpoint.events),
  }));
  const poster = createWebhookPoster(retry.attemptTimeoutMs);
  const queues = new Map<string, Promise<void>>();
  const stop = new AbortController();
  // Every backoff wait listens to it.
  setMaxListeners(0, stop.signal);
  /** Events reported since the last release, with the time they were decided. */
  let recorded: { event: CallEvent; at: number }[] = [];
  let releaseScheduled = false;
  let pending = 0;

  async function attempt(job: Job): Promise<string | undefined> {
    const { receiver } = job;
    const signed = signWebhook(job.body, job.id, receiver.key, Math.floor(Date.now() / 1000));
    const headers = { 'content-type': 'application/json', 'user-agent': 'ringkit-webhooks', ...signed };
    try {
      const status = await poster.post(receiver.target, headers, job.body);
      return status >= 200 && status < 300 ? undefined : `answered ${status}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async function deliver(job: Job): Promise<void> {
    const started = Date.now();
    const url = job.receiver.endpoint.url;
    for (let retries = 0; !stop.signal.aborted; retries += 1) {
      const failure = await attempt(job);
      if (stop.signal.aborted) return;
      if (failure === undefined) {
        metrics?.webhookDeliveries.inc({ event: job.type, outcome: 'delivered' });
        return;
      }
      const delay = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** retries) * (0.5 + Math.random() / 2);
      const fields = { event: 'webhook.failed', webhook: job.type, eventId: job.id, callId: job.callId, url };
      if (Date.now() + delay - started > retry.giveUpAfterMs) {
        metrics?.webhookDeliveries.inc({ event: job.type, outcome: 'dropped' });
        log(`webhook ${job.type} ${job.id} to ${url} given up: ${failure}`, { ...fields, level: 'error' });
        return;
      }
      metrics?.webhookDeliveries.inc({ event: job.type, outcome: 'retry' });
      log(`webhook ${job.type} ${job.id} to ${url} failed (${failure}); retry in ${Math.round(delay)} ms`, { ...fields, level: 'warn' });
      await sleep(delay, stop.signal);
    }
  }

  function queue(job: Job): void {
    pending += 1;
    metrics?.webhookQueue.inc();
    const key = `${job.receiver.index}:${job.callId}`;
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => deliver(job)).finally(() => {
      pending -= 1;
      metrics?.webhookQueue.dec();
      if (queues.get(key) === next) queues.delete(key);
    });
    queues.set(key, next);
  }

  /** Build, sign and queue the recorded events, in the order they were decided. */
  function release(): void {
    releaseScheduled = false;
    const events = recorded;
    recorded = [];
    for (const { event, at } of events) {
      if (stop.signal.aborted) return;
      const wanting = receivers.filter((receiver) => !receiver.wants || receiver.wants.has(event.type));
      if (wanting.length === 0) continue;
      const id = `evt_${randomId(20)}`;
      const body = JSON.stringify(toWebhookEvent(event, id, at));
      const callId = callIdOf(event);
      for (const receiver of wanting) queue({ receiver, id, type: event.type, callId, body });
    }
  }

  return {
    enqueue(event) {
      if (stop.signal.aborted) return;
      recorded.push({ event, at: Date.now() });
      if (releaseScheduled) return;
      releaseScheduled = true;
      // The first turn ends the current round of I/O callbacks; the second waits for the next round of socket reads.
      setImmediate(() => setImmediate(release));
    },
    async flush(deadlineMs) {
      release();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, deadlineMs);
      });
      await Promise.race([Promise.all([...queues.values()]), deadline]);
      clearTimeout(timer);
      return pending;
    },
    close() {
      stop.abort();
      recorded = [];
      poster.close();
    },
  };
}
