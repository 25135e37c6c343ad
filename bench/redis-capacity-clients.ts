/**
 * Redis capacity benchmark worker: the load generator. Holds idle
 * connections spread over several servers, or drives caller/callee pairs
 * through full call cycles with the caller on one server and the callee on
 * another (every call crosses processes).
 *
 * @packageDocumentation
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { serveRequests } from './lib/child.js';
import { nextRequestId, ProtocolClient } from './lib/protocol-client.js';
import { summarize, type Summary } from './lib/stats.js';

/** Requests this worker serves. */
export type RedisClientsRequest =
  | { cmd: 'idle'; urls: string[]; count: number; concurrency: number }
  | { cmd: 'close' }
  | { cmd: 'load'; callerUrl: string; calleeUrl: string; pairs: number; warmupMs: number; measureMs: number };

/** Result of opening idle connections. */
export interface RedisIdleResult {
  connected: number;
  failed: number;
  ms: number;
}

/** Result of the call-cycle load. */
export interface RedisLoadResult {
  pairs: number;
  measureMs: number;
  cycles: number;
  cyclesPerSecond: number;
  failures: number;
  failureSamples: string[];
  /** invite sent -> callee `incoming` (the ring latency), inside the window. */
  incoming: Summary;
  /** invite sent -> caller `ringing`. */
  ringing: Summary;
  /** invite sent -> both sides `ended` after the hangup. */
  cycle: Summary;
}

const STEP_TIMEOUT_MS = 15_000;
const held: ProtocolClient[] = [];

function userUrl(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('user', user);
  return parsed.toString();
}

function connect(url: string, user: string): Promise<ProtocolClient> {
  return ProtocolClient.connect(userUrl(url, user), { timeoutMs: STEP_TIMEOUT_MS }).then(({ client }) => client);
}

/** Runs `work(index)` for 0..count-1 with at most `concurrency` in flight. */
async function pool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/** Marks a wait as handled, so a timeout nobody awaits any more is not an unhandled rejection. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

interface Stats {
  cycles: number;
  failures: number;
  failureSamples: string[];
  incoming: number[];
  ringing: number[];
  cycle: number[];
}

async function runPair(caller: ProtocolClient, callee: ProtocolClient, pair: number, window: { start: number; end: number }, stats: Stats) {
  const inWindow = (time: number) => time >= window.start && time <= window.end;
  for (let round = 1; performance.now() < window.end; round += 1) {
    const callId = `redis-load-${pair}-${round}`;
    const forCall = {
      where: (message: { callId?: string; call?: { callId: string } }) => (message.callId ?? message.call?.callId) === callId,
      timeoutMs: STEP_TIMEOUT_MS,
    };
    try {
      const incoming = handled(callee.next('incoming', forCall));
      const ringing = handled(caller.next('ringing', forCall));
      const sentAt = performance.now();
      caller.send({ type: 'invite', id: nextRequestId(), callId, to: [`redis-callee-${pair}`], media: 'audio' });
      await incoming;
      const incomingAt = performance.now();
      callee.send({ type: 'ack', id: nextRequestId(), callId });
      await ringing;
      const ringingAt = performance.now();
      const accepted = handled(caller.next('accepted', forCall));
      callee.send({ type: 'accept', id: nextRequestId(), callId, media: 'audio' });
      await accepted;
      const ended = [handled(caller.next('ended', forCall)), handled(callee.next('ended', forCall))];
      caller.send({ type: 'hangup', id: nextRequestId(), callId });
      await Promise.all(ended);
      const endedAt = performance.now();
      if (inWindow(sentAt)) {
        stats.incoming.push(incomingAt - sentAt);
        stats.ringing.push(ringingAt - sentAt);
      }
      if (inWindow(sentAt) && inWindow(endedAt)) {
        stats.cycles += 1;
        stats.cycle.push(endedAt - sentAt);
      }
    } catch (error) {
      stats.failures += 1;
      if (stats.failureSamples.length < 5) stats.failureSamples.push(error instanceof Error ? error.message : String(error));
      caller.send({ type: 'hangup', id: nextRequestId(), callId });
      await sleep(200);
    }
  }
}

async function load(request: Extract<RedisClientsRequest, { cmd: 'load' }>): Promise<RedisLoadResult> {
  const callers: ProtocolClient[] = [];
  const callees: ProtocolClient[] = [];
  await pool(request.pairs, 100, async (index) => {
    callers[index] = await connect(request.callerUrl, `redis-caller-${index}`);
    callees[index] = await connect(request.calleeUrl, `redis-callee-${index}`);
  });
  const stats: Stats = { cycles: 0, failures: 0, failureSamples: [], incoming: [], ringing: [], cycle: [] };
  const start = performance.now() + request.warmupMs;
  const window = { start, end: start + request.measureMs };
  try {
    await Promise.all(callers.map((caller, index) => (callees[index] ? runPair(caller, callees[index], index, window, stats) : undefined)));
  } finally {
    for (const client of [...callers, ...callees]) client.close();
  }
  return {
    pairs: request.pairs,
    measureMs: request.measureMs,
    cycles: stats.cycles,
    cyclesPerSecond: Math.round((stats.cycles / request.measureMs) * 1000),
    failures: stats.failures,
    failureSamples: stats.failureSamples,
    incoming: summarize(stats.incoming),
    ringing: summarize(stats.ringing),
    cycle: summarize(stats.cycle),
  };
}

serveRequests(async (raw) => {
  const request = raw as RedisClientsRequest;
  if (request.cmd === 'idle') {
    const started = performance.now();
    let failed = 0;
    await pool(request.count, request.concurrency, async (index) => {
      try {
        held.push(await connect(request.urls[index % request.urls.length] ?? '', `redis-idle-${index}`));
      } catch {
        failed += 1;
      }
    });
    return { connected: request.count - failed, failed, ms: Math.round(performance.now() - started) } satisfies RedisIdleResult;
  }
  if (request.cmd === 'close') {
    for (const client of held.splice(0)) client.close();
    return { closed: true };
  }
  if (request.cmd === 'load') return load(request);
  throw new Error(`unknown request ${JSON.stringify(raw)}`);
});
