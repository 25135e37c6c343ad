/**
 * The Prometheus metrics of one server process (`prom-client`): connections,
 * calls, latencies, errors, LiveKit, Redis, push and webhooks. Every process
 * of a Redis cluster exports its own; sum them in Prometheus.
 *
 * @packageDocumentation
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallEvent } from '../events/call-event.js';

/** Buckets (seconds) of the latency histograms: 1 ms to 5 s. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Options of {@link createServerMetrics}.
 *
 * @example
 * ```ts
 * const metrics = createServerMetrics({ registry: new Registry(), processMetrics: false });
 * ```
 */
export interface ServerMetricsOptions {
  /** Where the metrics register. Default: a new registry. */
  registry?: Registry;
  /** Also export Node's default process metrics (CPU, memory, event loop, GC). Default true. */
  processMetrics?: boolean;
}

/** What the connection gauges read at each scrape. */
export interface ConnectionCounts {
  devices: number;
  users: number;
}

/**
 * The metrics of one server process. Pass it to `createRingServer({ metrics })`;
 * your own code (for example a push sender) may count on it too.
 *
 * @example
 * ```ts
 * const metrics = createServerMetrics();
 * metrics.pushSent.inc({ kind: 'ring' });
 * console.log(await metrics.registry.metrics());
 * ```
 */
export interface ServerMetrics {
  readonly registry: Registry;
  /** `ringkit_calls{state}`: calls ringing or active (this process's share of the changes; sum over processes). */
  readonly calls: Gauge<'state'>;
  /** `ringkit_invites_total{media}`: calls started. */
  readonly invites: Counter<'media'>;
  /** `ringkit_answers_total{media}`: accepted answers. */
  readonly answers: Counter<'media'>;
  /** `ringkit_calls_ended_total{reason}`: ended calls by end reason. */
  readonly callsEnded: Counter<'reason'>;
  /** `ringkit_calls_missed_total{reason}`: callees who did not answer, by reason. */
  readonly callsMissed: Counter<'reason'>;
  /** `ringkit_call_ratings_total{score}`: call ratings (`rate`), by score. */
  readonly ratings: Counter<'score'>;
  /** `ringkit_holds_total{action}`: holds and resumes (`hold`, `resume`). */
  readonly holds: Counter<'action'>;
  /** `ringkit_ring_latency_seconds`: invite received until the first `incoming` is sent. */
  readonly ringLatency: Histogram;
  /** `ringkit_answer_latency_seconds`: accept received until `accepted` (with the LiveKit grant) is ready. */
  readonly answerLatency: Histogram;
  /** `ringkit_errors_sent_total{code}`: error messages sent to clients. */
  readonly errorsSent: Counter<'code'>;
  /** `ringkit_rate_limited_frames_total`: frames refused by the rate limit. */
  readonly rateLimited: Counter;
  /** `ringkit_push_sent_total{kind}`: Web Push notifications (`ring`, `withdraw`) accepted by the push service. */
  readonly pushSent: Counter<'kind'>;
  /** `ringkit_push_failures_total{kind,reason}`: Web Push notifications that failed (`gone`: subscription forgotten, `failed`). */
  readonly pushFailures: Counter<'kind' | 'reason'>;
  /** `ringkit_livekit_grant_seconds`: time to sign a LiveKit token. */
  readonly livekitGrant: Histogram;
  /** `ringkit_livekit_grant_failures_total`. */
  readonly livekitGrantFailures: Counter;
  /** `ringkit_livekit_room_delete_seconds`: time of a RoomService DeleteRoom call (rooms still open after their call). */
  readonly livekitRoomDelete: Histogram;
  /** `ringkit_livekit_room_delete_failures_total`: room checks or deletions that failed. */
  readonly livekitRoomDeleteFailures: Counter;
  /** `ringkit_webhook_deliveries_total{event,outcome}`: webhook attempts (`delivered`, `retry`, `dropped`). */
  readonly webhookDeliveries: Counter<'event' | 'outcome'>;
  /** `ringkit_webhook_queue`: webhook events waiting or in flight. */
  readonly webhookQueue: Gauge;
  /** Count a call event. */
  onEvent(event: CallEvent): void;
  /** Read connected devices and users at each scrape (`ringkit_connected_devices`, `ringkit_connected_users`). */
  watchConnections(read: () => ConnectionCounts): void;
  /** Read Redis health and round trip at each scrape (`ringkit_redis_up`, `ringkit_redis_ping_seconds`). */
  watchRedis(probe: RedisProbe): void;
}

/** How the Redis gauges read the shared store. */
export interface RedisProbe {
  /** True while the connections are ready. */
  healthy(): boolean;
  /** One round trip (for example `PING`). */
  ping(): Promise<unknown>;
}

/**
 * Make the metrics of one server process.
 *
 * @example
 * ```ts
 * const metrics = createServerMetrics();
 * const server = await createRingServer({ port: 8787, auth, metrics }); // GET /metrics
 * ```
 */
export function createServerMetrics(options: ServerMetricsOptions = {}): ServerMetrics {
  const registry = options.registry ?? new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers });
  const histogram = (name: string, help: string) => new Histogram({ name, help, buckets: LATENCY_BUCKETS, registers });

  let connections: (() => ConnectionCounts) | undefined;
  let redis: RedisProbe | undefined;
  new Gauge({
    name: 'ringkit_connected_devices',
    help: 'Devices connected to this process',
    registers,
    collect() {
      this.set(connections?.().devices ?? 0);
    },
  });
  new Gauge({
    name: 'ringkit_connected_users',
    help: 'Distinct users connected to this process',
    registers,
    collect() {
      this.set(connections?.().users ?? 0);
    },
  });
  const redisPing = new Gauge({ name: 'ringkit_redis_ping_seconds', help: 'Round trip of a Redis PING at scrape time', registers });
  new Gauge({
    name: 'ringkit_redis_up',
    help: '1 while the Redis connections are ready (cluster mode only)',
    registers,
    async collect() {
      if (!redis) return;
      const healthy = redis.healthy();
      this.set(healthy ? 1 : 0);
      if (!healthy) return;
      const start = performance.now();
      try {
        await redis.ping();
        redisPing.set((performance.now() - start) / 1000);
      } catch {
        this.set(0);
      }
    },
  });

  const metrics: ServerMetrics = {
    registry,
    calls: new Gauge({ name: 'ringkit_calls', help: 'Calls by state (changes decided by this process; sum over processes)', labelNames: ['state'], registers }),
    invites: counter('ringkit_invites_total', 'Calls started', ['media']),
    answers: counter('ringkit_answers_total', 'Answers accepted', ['media']),
    callsEnded: counter('ringkit_calls_ended_total', 'Calls ended, by end reason', ['reason']),
    callsMissed: counter('ringkit_calls_missed_total', 'Callees who did not answer, by reason', ['reason']),
    ratings: counter('ringkit_call_ratings_total', 'Call ratings, by score', ['score']),
    holds: counter('ringkit_holds_total', 'Calls put on hold or taken off hold by a member (call waiting)', ['action']),
    ringLatency: histogram('ringkit_ring_latency_seconds', 'Invite received until the first incoming is sent'),
    answerLatency: histogram('ringkit_answer_latency_seconds', 'Accept received until accepted (with its LiveKit grant) is ready'),
    errorsSent: counter('ringkit_errors_sent_total', 'Error messages sent to clients, by code', ['code']),
    rateLimited: counter('ringkit_rate_limited_frames_total', 'Frames refused by the rate limit'),
    pushSent: counter('ringkit_push_sent_total', 'Web Push notifications accepted by the push service, by kind', ['kind']),
    pushFailures: counter('ringkit_push_failures_total', 'Web Push notifications that failed, by kind and reason', ['kind', 'reason']),
    livekitGrant: histogram('ringkit_livekit_grant_seconds', 'Time to sign a LiveKit token'),
    livekitGrantFailures: counter('ringkit_livekit_grant_failures_total', 'LiveKit tokens that could not be signed'),
    livekitRoomDelete: histogram('ringkit_livekit_room_delete_seconds', 'Time of a LiveKit DeleteRoom call'),
    livekitRoomDeleteFailures: counter('ringkit_livekit_room_delete_failures_total', 'LiveKit room checks or deletions that failed'),
    webhookDeliveries: counter('ringkit_webhook_deliveries_total', 'Webhook attempts, by event and outcome', ['event', 'outcome']),
    webhookQueue: new Gauge({ name: 'ringkit_webhook_queue', help: 'Webhook events waiting or in flight', registers }),
    onEvent(event) {
      countEvent(metrics, event);
    },
    watchConnections(read) {
      connections = read;
    },
    watchRedis(probe) {
      redis = probe;
    },
  };
  metrics.calls.set({ state: 'ringing' }, 0);
  metrics.calls.set({ state: 'active' }, 0);
  return metrics;
}

/** Update the call counters and gauges for one event. */
function countEvent(metrics: ServerMetrics, event: CallEvent): void {
  switch (event.type) {
    case 'call.invited':
      if (!event.newCall) return;
      metrics.invites.inc({ media: event.call.media });
      metrics.calls.inc({ state: 'ringing' });
      if (event.ringLatency !== undefined) metrics.ringLatency.observe(event.ringLatency);
      return;
    case 'call.ringing':
      return;
    case 'call.answered':
      metrics.answers.inc({ media: event.media });
      if (event.answerLatency !== undefined) metrics.answerLatency.observe(event.answerLatency);
      if (event.firstAnswer) {
        metrics.calls.dec({ state: 'ringing' });
        metrics.calls.inc({ state: 'active' });
      }
      return;
    case 'call.missed':
      metrics.callsMissed.inc({ reason: event.reason });
      return;
    case 'call.held':
    case 'call.resumed':
      metrics.holds.inc({ action: event.type === 'call.held' ? 'hold' : 'resume' });
      return;
    case 'call.ended':
      metrics.callsEnded.inc({ reason: event.reason });
      metrics.calls.dec({ state: event.answered ? 'active' : 'ringing' });
      return;
    case 'call.rated':
      metrics.ratings.inc({ score: String(event.rating.score) });
      return;
  }
}
