/**
 * Capacity benchmark worker: the load generator, in a process of its own. Holds idle connections, or
 * drives caller/callee pairs through full call cycles with the bare protocol client.
 *
 * @packageDocumentation
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { serveRequests } from '../lib/child.js';
import { nextRequestId, ProtocolClient } from '../lib/protocol-client.js';
import { summarize } from '../lib/stats.js';
import type { ClientRequest, IdleResult, LoadResult, StartedServer } from './messages.js';

const STEP_TIMEOUT_MS = 15_000;
/** Pause after a failed cycle, so a pair that went wrong does not spin. */
const FAILURE_PAUSE_MS = 200;

/** Marks a wait as handled (a later timeout of a wait nobody awaits any more is not an unhandled rejection). */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
const held: { close(): void }[] = [];

function userUrl(server: StartedServer, user: string): string {
  const url = new URL(server.url);
  url.searchParams.set('user', user);
  return url.toString();
}

async function openOne(server: StartedServer, user: string): Promise<{ close(): void }> {
  if (server.protocol) return (await ProtocolClient.connect(userUrl(server, user), { timeoutMs: STEP_TIMEOUT_MS })).client;
  const socket = new WebSocket(userUrl(server, user), { perMessageDeflate: false });
  await once(socket, 'open', { signal: AbortSignal.timeout(STEP_TIMEOUT_MS) });
  socket.on('error', () => socket.terminate());
  return { close: () => socket.terminate() };
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

async function openIdle(servers: StartedServer[], count: number, concurrency: number): Promise<IdleResult> {
  const started = performance.now();
  let failed = 0;
  await pool(count, concurrency, async (index) => {
    try {
      const server = servers[index % servers.length];
      if (!server) throw new Error('no server to connect to');
      held.push(await openOne(server, `idle-${index}`));
    } catch {
      failed += 1;
    }
  });
  return { connected: count - failed, failed, ms: Math.round(performance.now() - started) };
}

interface PairStats {
  cycles: number;
  failures: number;
  failureSamples: string[];
  incoming: number[];
  ringing: number[];
  cycle: number[];
}

interface LoadWindow {
  start: number;
  end: number;
  periodMs?: number;
}

async function runPair(caller: ProtocolClient, callee: ProtocolClient, pair: number, window: LoadWindow, stats: PairStats) {
  let round = 0;
  // Paced pairs start at a random point of their period, so that the calls spread evenly.
  let nextStart = performance.now() + (window.periodMs === undefined ? 0 : Math.random() * window.periodMs);
  while (performance.now() < window.end) {
    if (window.periodMs !== undefined) {
      await sleep(Math.max(0, nextStart - performance.now()));
      nextStart += window.periodMs;
      if (performance.now() >= window.end) break;
    }
    round += 1;
    const callId = `load-${pair}-${round}`;
    const forCall = {
      where: (message: { callId?: string; call?: { callId: string } }) => (message.callId ?? message.call?.callId) === callId,
      timeoutMs: STEP_TIMEOUT_MS,
    };
    const inWindow = (time: number) => time >= window.start && time <= window.end;
    try {
      const incoming = handled(callee.next('incoming', forCall));
      const ringing = handled(caller.next('ringing', forCall));
      const sentAt = performance.now();
      caller.send({ type: 'invite', id: nextRequestId(), callId, to: [`callee-${pair}`], media: 'audio' });
      await incoming;
      const incomingAt = performance.now();
      callee.send({ type: 'ack', id: nextRequestId(), callId });
      await ringing;
      const ringingAt = performance.now();
      const accepted = handled(caller.next('accepted', forCall));
      callee.send({ type: 'accept', id: nextRequestId(), callId, media: 'audio' });
      await accepted;
      const endedCaller = handled(caller.next('ended', forCall));
      const endedCallee = handled(callee.next('ended', forCall));
      caller.send({ type: 'hangup', id: nextRequestId(), callId });
      await Promise.all([endedCaller, endedCallee]);
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
      callee.send({ type: 'hangup', id: nextRequestId(), callId });
      await sleep(FAILURE_PAUSE_MS);
    }
  }
}

async function runLoad(request: Extract<ClientRequest, { cmd: 'load' }>): Promise<LoadResult> {
  const { server, calleeServer = server, pairs, warmupMs, measureMs, periodMs } = request;
  const callers: ProtocolClient[] = [];
  const callees: ProtocolClient[] = [];
  await pool(pairs, 100, async (index) => {
    callers[index] = (await ProtocolClient.connect(userUrl(server, `caller-${index}`), { timeoutMs: STEP_TIMEOUT_MS })).client;
    callees[index] = (await ProtocolClient.connect(userUrl(calleeServer, `callee-${index}`), { timeoutMs: STEP_TIMEOUT_MS })).client;
  });
  const stats: PairStats = { cycles: 0, failures: 0, failureSamples: [], incoming: [], ringing: [], cycle: [] };
  const start = performance.now() + warmupMs;
  const window: LoadWindow = { start, end: start + measureMs, ...(periodMs !== undefined && { periodMs }) };
  try {
    await Promise.all(
      callers.map((caller, index) => {
        const callee = callees[index];
        return callee ? runPair(caller, callee, index, window, stats) : Promise.resolve();
      }),
    );
  } finally {
    for (const client of [...callers, ...callees]) client.close();
  }
  return {
    pairs,
    ...(periodMs !== undefined && { periodMs }),
    measureMs,
    cycles: stats.cycles,
    cyclesPerSecond: Math.round((stats.cycles / measureMs) * 1000),
    failures: stats.failures,
    failureSamples: stats.failureSamples,
    incoming: summarize(stats.incoming),
    ringing: summarize(stats.ringing),
    cycle: summarize(stats.cycle),
  };
}

serveRequests(async (raw) => {
  const request = raw as ClientRequest;
  if (request.cmd === 'idle') return openIdle(request.servers, request.count, request.concurrency);
  if (request.cmd === 'close') {
    for (const connection of held.splice(0)) connection.close();
    return { closed: true };
  }
  if (request.cmd === 'load') return runLoad(request);
  throw new Error(`unknown request ${JSON.stringify(raw)}`);
});
