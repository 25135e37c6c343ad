/**
 * Webhook delivery off the call path: each event is queued per endpoint and
 * call (so one call's events arrive in order), posted signed, retried with
 * exponential backoff and jitter for a bounded time, and counted.
 *
 * @packageDocumentation
 */
import { setMaxListeners } from 'node:events';
import * as z from 'zod';
import { CALL_EVENT_TYPES, callIdOf, type CallEvent, type CallEventType } from '../events/call-event.js';
import { randomId } from '../ids.js';
import type { ServerLog } from '../logging/server-log.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';
import { toWebhookEvent } from './webhook-payload.js';
import { postWebhook } from './webhook-post.js';
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
  /** Queue one event for every endpoint that wants it; returns at once. */
  enqueue(event: CallEvent): void;
  /** Wait until everything queued is delivered or given up, at most `deadlineMs`; resolves with the events still undelivered. */
  flush(deadlineMs: number): Promise<number>;
  /** Stop: timers cleared, nothing more is sent. */
  close(): void;
}

interface Job {
  endpoint: WebhookEndpoint;
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
  const queues = new Map<string, Promise<void>>();
  const stop = new AbortController();
  // Every attempt and every backoff wait listens to it.
  setMaxListeners(0, stop.signal);
  let pending = 0;

  async function attempt(job: Job): Promise<string | undefined> {
    const signed = signWebhook(job.body, job.id, job.endpoint.secret, Math.floor(Date.now() / 1000));
    const headers = { 'content-type': 'application/json', 'user-agent': 'ringkit-webhooks', ...signed };
    try {
      const status = await postWebhook(job.endpoint.url, headers, job.body, retry.attemptTimeoutMs, stop.signal);
      return status >= 200 && status < 300 ? undefined : `answered ${status}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  async function deliver(job: Job): Promise<void> {
    const started = Date.now();
    for (let retries = 0; !stop.signal.aborted; retries += 1) {
      const failure = await attempt(job);
      if (failure === undefined) {
        metrics?.webhookDeliveries.inc({ event: job.type, outcome: 'delivered' });
        return;
      }
      const delay = Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** retries) * (0.5 + Math.random() / 2);
      const fields = { event: 'webhook.failed', webhook: job.type, eventId: job.id, callId: job.callId, url: job.endpoint.url };
      if (Date.now() + delay - started > retry.giveUpAfterMs) {
        metrics?.webhookDeliveries.inc({ event: job.type, outcome: 'dropped' });
        log(`webhook ${job.type} ${job.id} to ${job.endpoint.url} given up: ${failure}`, { ...fields, level: 'error' });
        return;
      }
      metrics?.webhookDeliveries.inc({ event: job.type, outcome: 'retry' });
      log(`webhook ${job.type} ${job.id} to ${job.endpoint.url} failed (${failure}); retry in ${Math.round(delay)} ms`, { ...fields, level: 'warn' });
      await sleep(delay, stop.signal);
    }
  }

  function queue(job: Job, key: string): void {
    pending += 1;
    metrics?.webhookQueue.inc();
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => deliver(job)).finally(() => {
      pending -= 1;
      metrics?.webhookQueue.dec();
      if (queues.get(key) === next) queues.delete(key);
    });
    queues.set(key, next);
  }

  return {
    enqueue(event) {
      if (stop.signal.aborted) return;
      const id = `evt_${randomId(20)}`;
      const body = JSON.stringify(toWebhookEvent(event, id, Date.now()));
      const callId = callIdOf(event);
      endpoints.forEach((endpoint, index) => {
        if (endpoint.events && !endpoint.events.includes(event.type)) return;
        queue({ endpoint, id, type: event.type, callId, body }, `${index}:${callId}`);
      });
    },
    async flush(deadlineMs) {
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
    },
  };
}
