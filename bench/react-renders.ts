/**
 * React renders over one full call (ring, accept, 10 s active with stats updates, hang up), counted
 * with React's Profiler in headless Chromium: a component reading only `useCall().status` (target:
 * at most 6 commits from the ring to the hang-up), `<CallView>`, and a component using only
 * `useIncomingCall` (which must not render while the call is active).
 *
 * @packageDocumentation
 */
import { serveStatic } from '../tests/helpers/e2e-static-server.js';
import { chromiumMissing, launchBrowser, openPage } from './lib/browser.js';
import { buildPage } from './lib/pages.js';
import type { Benchmark, BenchmarkContext, BenchmarkOutput, ResultRow } from './lib/types.js';
import type { RenderCounts } from './pages/react-renders.js';

const ACTIVE_MS = 10_000;
/** The media sessions' default stats sampling interval. */
const STATS_INTERVAL_MS = 3_000;

/** Most commits a component reading only `useCall().status` may make from the ring to the hang-up. */
const STATUS_ONLY_TARGET = 6;
/** The phases from the ring to the hang-up (everything but connecting the clients). */
const CALL_PHASES = ['ringing', 'answering', 'active', 'hangup'] as const;

function sum(phases: Record<string, number> | undefined, only?: readonly string[]): number {
  return Object.entries(phases ?? {})
    .filter(([phase]) => !only || only.includes(phase))
    .reduce((total, [, count]) => total + count, 0);
}

async function measure({ log }: BenchmarkContext): Promise<BenchmarkOutput> {
  const site = await serveStatic({ files: await buildPage('bench/pages/react-renders.tsx', { development: true }) });
  const browser = await launchBrowser();
  const errors: string[] = [];
  try {
    const page = await openPage(browser, `${site.url}/react-renders/index.html`, errors);
    const counts = await page.evaluate(
      ({ activeMs, statsMs }) => {
        if (!window.__renders) throw new Error('renders page is not loaded');
        return window.__renders.run(activeMs, statsMs);
      },
      { activeMs: ACTIVE_MS, statsMs: STATS_INTERVAL_MS },
    );
    log(`commits: ${JSON.stringify(counts)}`);
    return report(counts, errors);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)} (page errors: ${errors.slice(-3).join(' | ')})`, {
      cause: error,
    });
  } finally {
    await browser.close();
    await site.close();
  }
}

function report(counts: RenderCounts, errors: string[]): BenchmarkOutput {
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  for (const side of ['caller', 'callee']) {
    for (const tree of ['useCall', 'CallView', 'useIncomingCall']) {
      rows.push({ metric: `${side} ${tree} renders, whole call`, value: sum(counts[`${side}:${tree}`]), unit: 'commits' });
    }
    const statusOnly = sum(counts[`${side}:useCall`], CALL_PHASES);
    rows.push({ metric: `${side} useCall().status-only commits, ring to hang-up (target <= ${STATUS_ONLY_TARGET})`, value: statusOnly, unit: 'commits' });
    if (statusOnly > STATUS_ONLY_TARGET) {
      notes.push(`${side}: a component reading only useCall().status committed ${statusOnly} times from the ring to the hang-up (target ${STATUS_ONLY_TARGET}).`);
    }
    const activeIncoming = counts[`${side}:useIncomingCall`]?.active ?? 0;
    rows.push({ metric: `${side} useIncomingCall renders while active`, value: activeIncoming, unit: 'commits' });
    if (activeIncoming > 0) {
      notes.push(`${side}: a component using only useIncomingCall rendered ${activeIncoming} times while the call was active.`);
    }
  }
  return {
    rows,
    details: {
      activeMs: ACTIVE_MS,
      statsIntervalMs: STATS_INTERVAL_MS,
      statusOnlyTarget: STATUS_ONLY_TARGET,
      byPhase: counts,
      pageErrors: errors.slice(0, 10),
    },
    notes,
  };
}

/** Render counts of the hooks and `<CallView>` over one call. */
export const reactRendersBenchmark: Benchmark = {
  id: 'renders',
  title: `React renders over one call (${ACTIVE_MS / 1000} s active, React Profiler, Chromium)`,
  budgetMs: 90_000,
  unavailable: chromiumMissing,
  run: (context) => measure(context),
};
