/** One line of the printed table (and of `rows` in `bench/results.json`). */
export interface ResultRow {
  /** What was measured, e.g. `ring -> incoming p50`. */
  metric: string;
  value: number;
  unit: string;
  /** The same quantity for the baseline measured in the same run. */
  baseline?: number;
  /** What the baseline is, e.g. `ws echo round trip p50`. */
  baselineLabel?: string;
  /** `value / baseline`. */
  ratio?: number | null;
}

/** What a benchmark hands back to the runner. */
export interface BenchmarkOutput {
  rows: ResultRow[];
  /** Raw summaries and parameters, kept in the JSON. */
  details: Record<string, unknown>;
  /** Observations worth reading next to the numbers (what is slow and why). */
  notes: string[];
}

/** Context the runner passes to every benchmark. */
export interface BenchmarkContext {
  /** Prints a progress line, prefixed with the benchmark id. */
  log(message: string): void;
  /** Aborted when the benchmark's time budget is spent. */
  signal: AbortSignal;
}

/**
 * A benchmark the runner knows: one file per benchmark in `bench/`, registered in `bench/benchmarks.ts`.
 *
 * @example
 * ```ts
 * export const echoBenchmark: Benchmark = {
 *   id: 'echo', title: 'ws echo', budgetMs: 30_000,
 *   run: async () => ({ rows: [], details: {}, notes: [] }),
 * };
 * ```
 */
export interface Benchmark {
  /** Short id used on the command line and as the key in `bench/results.json`. */
  id: string;
  title: string;
  /** Hard time limit; the runner aborts the benchmark and records a failure past it. */
  budgetMs: number;
  /** Returns a reason when the benchmark cannot run on this machine (a missing tool), else `null`. */
  unavailable?(): string | null;
  run(context: BenchmarkContext): Promise<BenchmarkOutput>;
}

/** How one benchmark ended, as stored in `bench/results.json`. */
export interface StoredResult extends Partial<BenchmarkOutput> {
  id: string;
  title: string;
  status: 'ok' | 'failed' | 'skipped';
  ranAt: string;
  durationMs: number;
  /** The machine's 1-minute load average when the benchmark started (others' work skews timings). */
  loadAverage: number;
  /** Why it failed or was skipped. */
  error?: string;
}
