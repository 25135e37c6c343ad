/**
 * `npm run bench [-- id...]`: runs the benchmarks (all, or the ids given) one after another,
 * merges their results into `bench/results.json` and prints a short table.
 *
 * @packageDocumentation
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BENCHMARKS } from './benchmarks.js';
import { mergeResults } from './lib/results.js';
import { renderTable } from './lib/table.js';
import type { Benchmark, BenchmarkOutput, StoredResult } from './lib/types.js';

const RESULTS_PATH = fileURLToPath(new URL('./results.json', import.meta.url));

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function withBudget(benchmark: Benchmark): Promise<BenchmarkOutput> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const overBudget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`over its ${benchmark.budgetMs / 1000} s budget`));
    }, benchmark.budgetMs);
  });
  const log = (line: string) => console.log(`[${benchmark.id}] ${line}`);
  try {
    return await Promise.race([benchmark.run({ log, signal: controller.signal }), overBudget]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function runOne(benchmark: Benchmark): Promise<StoredResult> {
  const ranAt = new Date().toISOString();
  const started = performance.now();
  const base = { id: benchmark.id, title: benchmark.title, ranAt, loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100 };
  const missing = benchmark.unavailable?.() ?? null;
  if (missing) return { ...base, status: 'skipped', durationMs: 0, error: missing };
  console.log(`[${benchmark.id}] ${benchmark.title}`);
  try {
    const output = await withBudget(benchmark);
    return { ...base, status: 'ok', durationMs: Math.round(performance.now() - started), ...output };
  } catch (error) {
    console.error(`[${benchmark.id}] failed: ${message(error)}`);
    return { ...base, status: 'failed', durationMs: Math.round(performance.now() - started), error: message(error) };
  }
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((id) => !BENCHMARKS.some((benchmark) => benchmark.id === id));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.id).join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length ? BENCHMARKS.filter((benchmark) => wanted.includes(benchmark.id)) : BENCHMARKS;
  const results: StoredResult[] = [];
  for (const benchmark of selected) {
    const result = await runOne(benchmark);
    results.push(result);
    mergeResults(RESULTS_PATH, [result]);
  }
  console.log(`\n${renderTable(results)}\n\nwritten to ${RESULTS_PATH}`);
  process.exit(results.some((result) => result.status === 'failed') ? 1 : 0);
}

await main();
