/**
 * Ring latency: `call()` -> the callee's `incoming` and -> the caller's `ringing`, through the real
 * signaling server over loopback WebSockets, one call at a time. Baseline: a raw `ws` echo round trip.
 *
 * @packageDocumentation
 */
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { LIVEKIT_SERVER_PATH } from '../scripts/paths.js';
import { startLiveKitServer } from '../tests/helpers/livekit-server.js';
import { startRingServerForBench, type BenchRingServer } from './capacity/ring-server.js';
import type { RingClient } from '../src/core.js';
import { nextRequestId, ProtocolClient } from './lib/protocol-client.js';
import { nodeRingClients, until } from './lib/ring-clients.js';
import { ratio, summarize, type Summary } from './lib/stats.js';
import type { Benchmark, BenchmarkContext, BenchmarkOutput, ResultRow } from './lib/types.js';
import { wsEchoRoundTrips } from './lib/ws-echo.js';

const CALLS = 300;
const WARMUP_CALLS = 30;
const STEP_TIMEOUT_MS = 5_000;
/**
 * One caller places calls back to back, faster than the default per-connection limit (20 messages/s)
 * allows; raising it keeps rejections out of the latency without changing the path a message takes.
 */
const SEQUENTIAL_RATE_LIMIT = { ratePerSecond: 10_000, burst: 10_000 };

/** Samples of one way of placing calls. */
export interface RingSamples {
  incoming: number[];
  ringing: number[];
}

function userUrl(server: BenchRingServer, user: string): string {
  const url = new URL(server.url);
  url.searchParams.set('user', user);
  return url.toString();
}

/** Calls over the bare protocol: invite, the callee acks, the caller cancels. */
export async function protocolCalls(server: BenchRingServer, signal: AbortSignal, calls = CALLS): Promise<RingSamples> {
  const { client: caller } = await ProtocolClient.connect(userUrl(server, 'bench-caller'));
  const { client: callee } = await ProtocolClient.connect(userUrl(server, 'bench-callee'));
  const samples: RingSamples = { incoming: [], ringing: [] };
  try {
    for (let index = 0; index < WARMUP_CALLS + calls && !signal.aborted; index += 1) {
      const callId = `ring-${index}-${Date.now()}`;
      const where = (message: { callId?: string; call?: { callId: string } }) => (message.callId ?? message.call?.callId) === callId;
      const incoming = callee.next('incoming', { where, timeoutMs: STEP_TIMEOUT_MS });
      const ringing = caller.next('ringing', { where, timeoutMs: STEP_TIMEOUT_MS });
      const sentAt = performance.now();
      caller.send({ type: 'invite', id: nextRequestId(), callId, to: ['bench-callee'], media: 'audio' });
      await incoming;
      const incomingAt = performance.now();
      callee.send({ type: 'ack', id: nextRequestId(), callId });
      await ringing;
      const ringingAt = performance.now();
      const endedCaller = caller.next('ended', { where, timeoutMs: STEP_TIMEOUT_MS });
      const endedCallee = callee.next('ended', { where, timeoutMs: STEP_TIMEOUT_MS });
      caller.send({ type: 'cancel', id: nextRequestId(), callId });
      await Promise.all([endedCaller, endedCallee]);
      if (index >= WARMUP_CALLS) {
        samples.incoming.push(incomingAt - sentAt);
        samples.ringing.push(ringingAt - sentAt);
      }
    }
  } finally {
    caller.close();
    callee.close();
  }
  return samples;
}

/** Calls through `createRingClient` (its call machine and store): `call()` -> callee `incoming` event and caller `ringing` status. */
export async function ringClientCalls(server: BenchRingServer, signal: AbortSignal, calls = CALLS): Promise<RingSamples> {
  const make = nodeRingClients(server.url);
  const caller = make('bench-caller');
  const callee = make('bench-callee');
  await Promise.all([caller.connect(), callee.connect()]);
  const samples: RingSamples = { incoming: [], ringing: [] };
  let incomingAt = 0;
  const stopListening = callee.on('incoming', () => {
    incomingAt = performance.now();
  });
  const status = (client: RingClient) => client.getSnapshot().call?.status;
  try {
    for (let index = 0; index < WARMUP_CALLS + calls && !signal.aborted; index += 1) {
      incomingAt = 0;
      const ringing = until(caller, () => status(caller) === 'ringing', STEP_TIMEOUT_MS).then(() => performance.now());
      const sentAt = performance.now();
      void caller.call('bench-callee');
      const ringingAt = await ringing;
      await until(callee, () => incomingAt > 0, STEP_TIMEOUT_MS);
      await caller.cancel();
      await until(caller, () => status(caller) === 'ended', STEP_TIMEOUT_MS);
      await until(callee, () => callee.getSnapshot().incoming.length === 0, STEP_TIMEOUT_MS);
      if (index >= WARMUP_CALLS) {
        samples.incoming.push(incomingAt - sentAt);
        samples.ringing.push(ringingAt - sentAt);
      }
    }
  } finally {
    stopListening();
    await Promise.all([caller.disconnect(), callee.disconnect()]);
  }
  return samples;
}

function latencyRows(label: string, incoming: Summary, ringing: Summary, echo: Summary, percentiles: readonly Percentile[]): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const [name, summary] of [['incoming', incoming], ['ringing', ringing]] as const) {
    for (const p of percentiles) {
      rows.push({
        metric: `${label}: call -> ${name} ${p}`,
        value: summary[p],
        unit: 'ms',
        baseline: echo[p],
        baselineLabel: `ws echo round trip ${p}`,
        ratio: ratio(summary[p], echo[p]),
      });
    }
  }
  return rows;
}

type Percentile = 'p50' | 'p95' | 'p99';

/** One way of placing the calls, against one server configuration. */
interface Variant {
  label: string;
  /** Whether the server mints LiveKit tokens and deletes rooms (production), or runs without LiveKit. */
  livekit: boolean;
  /** Metrics, JSON logs and webhooks (to a local receiver) on. */
  operations?: boolean;
  place(server: BenchRingServer, signal: AbortSignal): Promise<RingSamples>;
  percentiles: readonly Percentile[];
}

const VARIANTS: readonly Variant[] = [
  { label: 'ring client', livekit: true, place: ringClientCalls, percentiles: ['p50', 'p95', 'p99'] },
  { label: 'protocol', livekit: true, place: protocolCalls, percentiles: ['p50', 'p95', 'p99'] },
  { label: 'protocol, no LiveKit', livekit: false, place: protocolCalls, percentiles: ['p50', 'p99'] },
  { label: 'protocol, metrics + logs + webhooks', livekit: true, operations: true, place: protocolCalls, percentiles: ['p50', 'p95', 'p99'] },
];

/**
 * What one setup adds over the bare protocol: its `call -> incoming` and `call -> ringing` p50 with the
 * protocol's (same server setup otherwise, same run) as the baseline.
 */
function overProtocolRows(details: Record<string, unknown>, label: string, name: string): ResultRow[] {
  const measured = details[label] as { incoming: Summary; ringing: Summary } | undefined;
  const bare = details.protocol as { incoming: Summary; ringing: Summary } | undefined;
  if (!measured || !bare) return [];
  return (['incoming', 'ringing'] as const).map((step) => ({
    metric: `${name} over protocol: call -> ${step} p50`,
    value: measured[step].p50,
    unit: 'ms',
    baseline: bare[step].p50,
    baselineLabel: `protocol call -> ${step} p50`,
    ratio: ratio(measured[step].p50, bare[step].p50),
  }));
}

/** Receiver of the webhooks, in a process of its own (as in production): answers every POST with 204, counts them. */
const RECEIVER_SCRIPT = `
const { createServer } = require('node:http');
let received = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => { received += 1; response.writeHead(204).end(); });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => { console.log('received ' + received); process.exit(0); });
`;

export async function startWebhookReceiver(): Promise<{ url: string; close(): Promise<string> }> {
  const child = spawn(process.execPath, ['-e', RECEIVER_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [port] = (await once(child.stdout, 'data')) as [Buffer];
  return {
    url: `http://127.0.0.1:${String(port).trim()}/hooks`,
    async close() {
      const said = once(child.stdout, 'data') as Promise<[Buffer]>;
      child.kill('SIGTERM');
      const [line] = await Promise.race([said, new Promise<[Buffer]>((resolve) => setTimeout(() => resolve([Buffer.from('')]), 2_000))]);
      return String(line).trim();
    },
  };
}

async function measure({ log, signal }: BenchmarkContext): Promise<BenchmarkOutput> {
  const echo = summarize(await wsEchoRoundTrips({ count: CALLS, warmup: WARMUP_CALLS }));
  log(`ws echo round trip p50 ${echo.p50} ms`);
  const livekit = await startLiveKitServer();
  const receiver = await startWebhookReceiver();
  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = { calls: CALLS, warmup: WARMUP_CALLS, echo };
  try {
    for (const variant of VARIANTS) {
      const server = await startRingServerForBench({
        ...(variant.livekit && { livekit }),
        ...(variant.operations && { operations: { webhookUrl: receiver.url } }),
        rateLimit: SEQUENTIAL_RATE_LIMIT,
      });
      try {
        const samples = await variant.place(server, signal);
        const incoming = summarize(samples.incoming);
        const ringing = summarize(samples.ringing);
        log(`${variant.label}: incoming p50 ${incoming.p50} ms, ringing p50 ${ringing.p50} ms over ${incoming.count} calls`);
        rows.push(...latencyRows(variant.label, incoming, ringing, echo, variant.percentiles));
        details[variant.label] = { livekit: variant.livekit, incoming, ringing };
      } finally {
        await server.close();
      }
    }
  } finally {
    await livekit.stop();
    log(`webhook receiver: ${await receiver.close()}`);
  }
  rows.push(...liveKitCostRows(details));
  rows.push(...overProtocolRows(details, 'ring client', 'ring client'));
  rows.push(...overProtocolRows(details, 'protocol, metrics + logs + webhooks', 'metrics + logs + webhooks'));
  return { rows, details, notes: [] };
}

/** What LiveKit adds to ringing: the bare protocol with LiveKit against the same without it, p50 and p99. */
function liveKitCostRows(details: Record<string, unknown>): ResultRow[] {
  const incoming = (label: string) => (details[label] as { incoming: Summary } | undefined)?.incoming;
  const [withLiveKit, without] = [incoming('protocol'), incoming('protocol, no LiveKit')];
  if (!withLiveKit || !without) return [];
  return (['p50', 'p99'] as const).map((p) => ({
    metric: `protocol: call -> incoming ${p}, LiveKit vs none`,
    value: withLiveKit[p],
    unit: 'ms',
    baseline: without[p],
    baselineLabel: `same without LiveKit ${p}`,
    ratio: ratio(withLiveKit[p], without[p]),
  }));
}

/** Ring latency through the real signaling server, with a raw ws echo as the baseline. */
export const ringLatencyBenchmark: Benchmark = {
  id: 'ring',
  title: `Ring latency (${CALLS} calls, in-process server, loopback ws)`,
  budgetMs: 120_000,
  unavailable: () => (existsSync(LIVEKIT_SERVER_PATH) ? null : `no livekit-server at ${LIVEKIT_SERVER_PATH}: run bash scripts/setup-tools.sh`),
  run: (context) => measure(context),
};
