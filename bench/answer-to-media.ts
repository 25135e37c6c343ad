/**
 * Answer to media: from the callee's accept to the first remote video frame on the callee's page and
 * on the caller's page, in headless Chromium against the real livekit-server. Baseline: plain
 * livekit-client, the second of two pages from its connect to its first remote frame. It also measures,
 * with plain livekit-client, what early join would buy (not shipped: docs/performance.md): the second page
 * is already in the room with a grant that allows nothing, and its answer -> first remote frame on both
 * pages once LiveKit grants it publish and subscribe (`updateParticipant`).
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AccessToken, TrackSource } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
import { LIVEKIT_SERVER_PATH } from '../scripts/paths.js';
import { serveStatic } from '../tests/helpers/e2e-static-server.js';
import { startLiveKitServer, type LiveKitServerHandle } from '../tests/helpers/livekit-server.js';
import { startRingServerForBench, type BenchRingServer } from './capacity/ring-server.js';
import { chromiumMissing, launchBrowser, openPage } from './lib/browser.js';
import { buildPage } from './lib/pages.js';
import { ratio, summarize } from './lib/stats.js';
import type { Benchmark, BenchmarkContext, BenchmarkOutput, ResultRow } from './lib/types.js';
import type { Milestone } from './pages/ringkit-call.js';

const CALLS = Number(process.env.BENCH_MEDIA_CALLS ?? 24);
const WARMUP = 2;
const FRAME_TIMEOUT_MS = 10_000;
/**
 * How long the callee lets it ring before accepting, as a person would: time for the caller to join and
 * publish and for the callee to prewarm, which is the path ringkit is designed around.
 */
const RING_BEFORE_ACCEPT_MS = 1_500;
/** Failed ringkit calls tolerated (each is reported and counted) before the benchmark gives up. */
const MAX_FAILURES = 8;

interface Samples {
  baseline: number[];
  /** The baseline with adaptive stream and dynacast on, as ringkit's LiveKit session runs. */
  adaptive: number[];
  callee: number[];
  caller: number[];
  /** Early join with plain livekit-client: answer -> first remote frame on the joiner and on the first page. */
  earlyJoiner: number[];
  earlyFirst: number[];
  marks: RingkitTimes['marks'][];
}

async function token(livekit: LiveKitServerHandle, room: string, identity: string, ringing = false): Promise<string> {
  const grant = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity, ttl: '10m' });
  grant.addGrant(
    ringing
      ? { room, roomJoin: true, canPublish: false, canSubscribe: false, canPublishData: false, hidden: true }
      : { room, roomJoin: true, canPublish: true, canSubscribe: true },
  );
  return grant.toJwt();
}

/**
 * Early join with plain livekit-client: A joins and publishes, B joins with a grant that allows nothing
 * and waits as a ringing device would; then B answers (opens its devices) and LiveKit grants it publish
 * and subscribe. B's answer -> first remote frame on B and on A (Room defaults, as the baseline).
 */
async function earlyJoinRun(livekit: LiveKitServerHandle, first: Page, second: Page, index: number): Promise<[number, number]> {
  const room = `early-${index}-${Date.now()}`;
  const [firstToken, secondToken] = await Promise.all([token(livekit, room, 'first'), token(livekit, room, 'second', true)]);
  // Reset before the joins: a peer connection may announce a track (a `track` event, no frames) before
  // media flows on it, and a reset after that would take it for an old track. Neither page gets remote
  // video before B publishes, so every first frame after this is B's answer's.
  await Promise.all([first.evaluate(() => window.__firstFrame?.reset()), second.evaluate(() => window.__firstFrame?.reset())]);
  await first.evaluate(
    async ({ url, jwt }) => {
      await window.__baseline?.join(url, jwt, false);
      await window.__baseline?.published();
    },
    { url: livekit.url, jwt: firstToken },
  );
  await second.evaluate(({ url, jwt }) => window.__baseline?.joinRestricted(url, jwt), { url: livekit.url, jwt: secondToken });
  const answeredAt = await second.evaluate(() => window.__baseline?.answer());
  await livekit.rooms.updateParticipant(room, 'second', {
    permission: { canPublish: true, canSubscribe: true, canPublishData: false, hidden: false, canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE] },
  });
  const frames = await Promise.allSettled(
    [second, first].map((page) => page.evaluate((timeoutMs) => window.__firstFrame?.wait(timeoutMs), FRAME_TIMEOUT_MS)),
  );
  const published = await second.evaluate(() => window.__baseline?.published().then(() => 'published', (error: unknown) => String(error)));
  await Promise.all([first.evaluate(() => window.__baseline?.leave()), second.evaluate(() => window.__baseline?.leave())]);
  const [secondFrame, firstFrame] = frames.map((frame) => (frame.status === 'fulfilled' ? frame.value : undefined));
  if (answeredAt === undefined || secondFrame === undefined || firstFrame === undefined) {
    const where = secondFrame === undefined ? 'the joiner' : 'the first page';
    throw new Error(`early join (run ${index}): no remote video frame within ${FRAME_TIMEOUT_MS} ms on ${where}; joiner: ${published}`);
  }
  return [secondFrame - answeredAt, firstFrame - answeredAt];
}

/** Plain livekit-client: A joins and publishes, then B joins; B's connect -> B's first remote frame. */
async function baselineRun(
  livekit: LiveKitServerHandle,
  first: Page,
  second: Page,
  index: number,
  adaptive: boolean,
): Promise<number> {
  const room = `baseline-${index}-${Date.now()}`;
  const [firstToken, secondToken] = await Promise.all([token(livekit, room, 'first'), token(livekit, room, 'second')]);
  await first.evaluate(
    async ({ url, jwt, adaptive }) => {
      await window.__baseline?.join(url, jwt, adaptive);
      await window.__baseline?.published();
    },
    { url: livekit.url, jwt: firstToken, adaptive },
  );
  await second.evaluate(() => window.__firstFrame?.reset());
  const elapsed = await second.evaluate(
    async ({ url, jwt, timeoutMs, adaptive }) => {
      const started = await window.__baseline?.join(url, jwt, adaptive);
      const frame = await window.__firstFrame?.wait(timeoutMs);
      if (started === undefined || frame === undefined) throw new Error('baseline page is not loaded');
      return frame - started;
    },
    { url: livekit.url, jwt: secondToken, timeoutMs: FRAME_TIMEOUT_MS, adaptive },
  );
  await Promise.all([first.evaluate(() => window.__baseline?.leave()), second.evaluate(() => window.__baseline?.leave())]);
  return elapsed;
}

/** One ringkit call's times after the accept, in ms, per side. */
interface RingkitTimes {
  callee: number;
  caller: number;
  /** Milestones (media connected, remote video track in the store, active) after the accept, per side. */
  marks: { callee: Partial<Record<Milestone, number>>; caller: Partial<Record<Milestone, number>> };
}

function relativeMarks(marks: Partial<Record<Milestone, number>> | undefined, since: number) {
  return Object.fromEntries(Object.entries(marks ?? {}).map(([milestone, at]) => [milestone, at - since]));
}

/** ringkit: the caller calls with video, the callee accepts; accept -> first remote frame on each side. */
async function ringkitRun(caller: Page, callee: Page): Promise<RingkitTimes> {
  await Promise.all([caller.evaluate(() => window.__firstFrame?.reset()), callee.evaluate(() => window.__firstFrame?.reset())]);
  await caller.evaluate(() => window.__ring?.call('bench-callee'));
  const callId = await callee.waitForFunction(() => window.__ring?.ringingCallId(), undefined, { timeout: FRAME_TIMEOUT_MS });
  await sleep(RING_BEFORE_ACCEPT_MS);
  const acceptedAt = await callee.evaluate((id) => window.__ring?.accept(String(id)), await callId.jsonValue());
  const frames = await Promise.allSettled(
    [callee, caller].map((page) => page.evaluate((timeoutMs) => window.__firstFrame?.wait(timeoutMs), FRAME_TIMEOUT_MS)),
  );
  if (frames.some((frame) => frame.status === 'rejected')) {
    const states = await Promise.all([callee, caller].map((page) => page.evaluate(() => window.__ring?.describe())));
    throw new Error(`no remote video frame within ${FRAME_TIMEOUT_MS} ms; callee ${states[0]}; caller ${states[1]}`);
  }
  const [calleeFrame, callerFrame] = frames.map((frame) => (frame.status === 'fulfilled' ? frame.value : undefined));
  if (acceptedAt === undefined || calleeFrame === undefined || callerFrame === undefined) {
    throw new Error('ringkit page is not loaded');
  }
  const [calleeMarks, callerMarks] = await Promise.all([callee, caller].map((page) => page.evaluate(() => window.__ring?.marks())));
  await hangUp(caller, callee);
  return {
    callee: calleeFrame - acceptedAt,
    caller: callerFrame - acceptedAt,
    marks: { callee: relativeMarks(calleeMarks, acceptedAt), caller: relativeMarks(callerMarks, acceptedAt) },
  };
}

/** Ends whatever call the two pages are in and waits until both are idle. */
async function hangUp(caller: Page, callee: Page): Promise<void> {
  await Promise.all([caller, callee].map((page) => page.evaluate(() => window.__ring?.hangup().catch(() => undefined))));
  await Promise.all(
    [caller, callee].map((page) => page.waitForFunction(() => window.__ring?.idle(), undefined, { timeout: FRAME_TIMEOUT_MS })),
  );
}

/** Median of each milestone over the runs. */
function medianMarks(runs: readonly Partial<Record<Milestone, number>>[]): Record<string, number> {
  const milestones = new Set(runs.flatMap((run) => Object.keys(run) as Milestone[]));
  return Object.fromEntries(
    [...milestones].map((milestone) => [
      milestone,
      summarize(runs.flatMap((run) => (run[milestone] === undefined ? [] : [run[milestone]]))).p50,
    ]),
  );
}

async function runAll(browser: Browser, livekit: LiveKitServerHandle, ring: BenchRingServer, context: BenchmarkContext) {
  const files = { ...(await buildPage('bench/pages/livekit-baseline.ts')), ...(await buildPage('bench/pages/ringkit-call.tsx')) };
  const site = await serveStatic({ files });
  const errors: string[] = [];
  try {
    const baselineUrl = `${site.url}/livekit-baseline/index.html`;
    const ringUrl = (user: string) =>
      `${site.url}/ringkit-call/index.html?server=${encodeURIComponent(ring.url)}&user=${user}&livekit=${encodeURIComponent(livekit.url)}`;
    const [first, second, caller, callee] = await Promise.all([
      openPage(browser, baselineUrl, errors),
      openPage(browser, baselineUrl, errors),
      openPage(browser, ringUrl('bench-caller'), errors),
      openPage(browser, ringUrl('bench-callee'), errors),
    ]);
    await Promise.all([caller, callee].map((page) => page.evaluate(() => window.__ring?.connect())));
    const samples: Samples = { baseline: [], adaptive: [], callee: [], caller: [], earlyJoiner: [], earlyFirst: [], marks: [] };
    const failures: string[] = [];
    // ringkit first, then the baselines: blocks, because interleaving pages that join and leave
    // other rooms between ringkit calls made ringkit calls fail more often (see the notes).
    for (let attempt = 0; samples.callee.length < CALLS && !context.signal.aborted; attempt += 1) {
      try {
        const ringkit = await ringkitRun(caller, callee);
        if (attempt < WARMUP) continue;
        samples.marks.push(ringkit.marks);
        samples.callee.push(ringkit.callee);
        samples.caller.push(ringkit.caller);
        if (samples.callee.length % 8 === 0) context.log(`ringkit: ${samples.callee.length}/${CALLS} calls`);
      } catch (error) {
        failures.push(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
        context.log(`ringkit call failed: ${failures.at(-1)?.slice(0, 300)}`);
        if (failures.length > MAX_FAILURES) throw new Error(`${failures.length} ringkit calls failed: ${failures.join(' | ')}`, { cause: error });
        await hangUp(caller, callee);
      }
    }
    for (let index = 0; index < WARMUP + CALLS && !context.signal.aborted; index += 1) {
      const base = await baselineRun(livekit, first, second, index, false);
      const adaptive = await baselineRun(livekit, first, second, index, true);
      const [earlyJoiner, earlyFirst] = await earlyJoinRun(livekit, first, second, index);
      if (index < WARMUP) continue;
      samples.baseline.push(base);
      samples.adaptive.push(adaptive);
      samples.earlyJoiner.push(earlyJoiner);
      samples.earlyFirst.push(earlyFirst);
    }
    return { samples, errors, failures };
  } catch (error) {
    const detail = errors.length ? ` (page errors: ${errors.slice(-3).join(' | ')})` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail}`, { cause: error });
  } finally {
    await site.close();
  }
}

async function measure(context: BenchmarkContext): Promise<BenchmarkOutput> {
  const livekit = await startLiveKitServer();
  const ring = await startRingServerForBench({ livekit });
  const browser = await launchBrowser();
  try {
    const { samples, errors, failures } = await runAll(browser, livekit, ring, context);
    const baseline = summarize(samples.baseline);
    const adaptive = summarize(samples.adaptive);
    const callee = summarize(samples.callee);
    const caller = summarize(samples.caller);
    const earlyJoiner = summarize(samples.earlyJoiner);
    const earlyFirst = summarize(samples.earlyFirst);
    const rows: ResultRow[] = [];
    for (const [side, summary] of [['callee', callee], ['caller', caller]] as const) {
      for (const p of ['p50', 'p95'] as const) {
        rows.push({
          metric: `accept -> first remote frame, ${side} ${p}`,
          value: summary[p],
          unit: 'ms',
          baseline: baseline[p],
          baselineLabel: `livekit-client connect -> first remote frame ${p}`,
          ratio: ratio(summary[p], baseline[p]),
        });
      }
    }
    rows.push({
      metric: 'ringkit calls without remote video',
      value: failures.length,
      unit: `of ${failures.length + CALLS + WARMUP}`,
    });
    for (const p of ['p50', 'p95'] as const) {
      rows.push({
        metric: `accept -> first remote frame, callee ${p} vs same Room options`,
        value: callee[p],
        unit: 'ms',
        baseline: adaptive[p],
        baselineLabel: `livekit-client (adaptive stream + dynacast) connect -> first remote frame ${p}`,
        ratio: ratio(callee[p], adaptive[p]),
      });
    }
    for (const [side, summary] of [['joiner', earlyJoiner], ['first page', earlyFirst]] as const) {
      rows.push({
        metric: `early join (plain livekit-client, not shipped): answer -> first remote frame, ${side} p50`,
        value: summary.p50,
        unit: 'ms',
        baseline: baseline.p50,
        baselineLabel: 'livekit-client connect -> first remote frame p50',
        ratio: ratio(summary.p50, baseline.p50),
      });
    }
    return {
      rows,
      details: {
        calls: CALLS,
        warmup: WARMUP,
        baseline,
        adaptiveBaseline: adaptive,
        callee,
        caller,
        earlyJoin: { joiner: earlyJoiner, firstPage: earlyFirst },
        medianMilestonesAfterAccept: {
          callee: medianMarks(samples.marks.map((marks) => marks.callee)),
          caller: medianMarks(samples.marks.map((marks) => marks.caller)),
        },
        failures,
        pageErrors: errors.slice(0, 10),
      },
      notes: failures.length
        ? [
            `${failures.length} of ${failures.length + CALLS + WARMUP} ringkit calls never showed remote video within ` +
              `${FRAME_TIMEOUT_MS / 1000} s and were left out of the timings; first: ${failures[0]}`,
          ]
        : [],
    };
  } finally {
    await browser.close();
    await ring.close();
    await livekit.stop();
  }
}

/** Answer to media in headless Chromium with the real livekit-server. */
export const answerToMediaBenchmark: Benchmark = {
  id: 'media',
  title: `Answer to media (${CALLS} calls, headless Chromium, livekit-server)`,
  budgetMs: 300_000,
  unavailable: () =>
    chromiumMissing() ??
    (existsSync(LIVEKIT_SERVER_PATH) ? null : `no livekit-server at ${LIVEKIT_SERVER_PATH}: run bash scripts/setup-tools.sh`),
  run: (context) => measure(context),
};
