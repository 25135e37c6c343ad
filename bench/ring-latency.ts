/**
 * Ring latency: `call()` -> the callee's `incoming` and -> the caller's `ringing`, through the real
 * signaling server over loopback WebSockets, one call at a time. Baseline: a raw `ws` echo round trip.
 *
 * @packageDocumentation
 */
import { startRingServerForBench, type BenchRingServer } from './capacity/ring-server.js';
import { nextRequestId, ProtocolClient } from './lib/protocol-client.js';
import { ratio, summarize, type Summary } from './lib/stats.js';
import type { Benchmark, BenchmarkContext, BenchmarkOutput, ResultRow } from './lib/types.js';
import { wsEchoRoundTrips } from './lib/ws-echo.js';

const CALLS = 300;
const WARMUP_CALLS = 30;
const STEP_TIMEOUT_MS = 5_000;

/** Samples of one way of placing calls. */
interface RingSamples {
  incoming: number[];
  ringing: number[];
}

function userUrl(server: BenchRingServer, user: string): string {
  const url = new URL(server.url);
  url.searchParams.set('user', user);
  return url.toString();
}

/** Calls over the bare protocol: invite, the callee acks, the caller cancels. */
async function protocolCalls(server: BenchRingServer, signal: AbortSignal): Promise<RingSamples> {
  const { client: caller } = await ProtocolClient.connect(userUrl(server, 'bench-caller'));
  const { client: callee } = await ProtocolClient.connect(userUrl(server, 'bench-callee'));
  const samples: RingSamples = { incoming: [], ringing: [] };
  try {
    for (let index = 0; index < WARMUP_CALLS + CALLS && !signal.aborted; index += 1) {
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
      await server.pace();
    }
  } finally {
    caller.close();
    callee.close();
  }
  return samples;
}

function latencyRows(label: string, incoming: Summary, ringing: Summary, echo: Summary): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const [name, summary] of [['incoming', incoming], ['ringing', ringing]] as const) {
    for (const p of ['p50', 'p95', 'p99'] as const) {
      rows.push({
        metric: `${label} call -> ${name} ${p}`,
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

async function measure({ log, signal }: BenchmarkContext): Promise<BenchmarkOutput> {
  const echo = summarize(await wsEchoRoundTrips({ count: CALLS, warmup: WARMUP_CALLS }));
  log(`ws echo round trip p50 ${echo.p50} ms`);
  const server = await startRingServerForBench();
  try {
    const protocol = await protocolCalls(server, signal);
    const incoming = summarize(protocol.incoming);
    const ringing = summarize(protocol.ringing);
    log(`protocol: incoming p50 ${incoming.p50} ms, ringing p50 ${ringing.p50} ms over ${incoming.count} calls`);
    return {
      rows: latencyRows('protocol', incoming, ringing, echo),
      details: { calls: CALLS, warmup: WARMUP_CALLS, echo, protocol: { incoming, ringing } },
      notes: [],
    };
  } finally {
    await server.close();
  }
}

/** Ring latency through the real signaling server, with a raw ws echo as the baseline. */
export const ringLatencyBenchmark: Benchmark = {
  id: 'ring',
  title: `Ring latency (${CALLS} calls, in-process server, loopback ws)`,
  budgetMs: 120_000,
  run: (context) => measure(context),
};
