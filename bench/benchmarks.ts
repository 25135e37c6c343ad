/**
 * Every benchmark `npm run bench` knows, in the order it runs them. Add a benchmark by writing
 * `bench/<name>.ts` exporting a {@link Benchmark} and listing it here.
 *
 * @packageDocumentation
 */
import { answerToMediaBenchmark } from './answer-to-media.js';
import { bundleSizeBenchmark } from './bundle-size.js';
import type { Benchmark } from './lib/types.js';
import { reactRendersBenchmark } from './react-renders.js';
import { redisCapacityBenchmark } from './redis-capacity.js';
import { ringLatencyBenchmark } from './ring-latency.js';
import { serverCapacityBenchmark } from './server-capacity.js';

/** The registered benchmarks. */
export const BENCHMARKS: readonly Benchmark[] = [
  ringLatencyBenchmark,
  answerToMediaBenchmark,
  bundleSizeBenchmark,
  serverCapacityBenchmark,
  redisCapacityBenchmark,
  reactRendersBenchmark,
];
