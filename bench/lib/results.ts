import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { StoredResult } from './types.js';

/** The whole `bench/results.json`. */
export interface ResultsFile {
  updatedAt: string;
  machine: { node: string; platform: string; cpus: number; cpuModel: string; memoryGiB: number };
  /** Latest result of each benchmark, by id: running a subset keeps the others' last results. */
  benchmarks: Record<string, StoredResult>;
}

function machine(): ResultsFile['machine'] {
  const cores = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cores.length,
    cpuModel: cores[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

function readExisting(path: string): Record<string, StoredResult> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'benchmarks' in parsed) {
      const benchmarks = (parsed as { benchmarks: unknown }).benchmarks;
      if (typeof benchmarks === 'object' && benchmarks !== null) return benchmarks as Record<string, StoredResult>;
    }
  } catch {
    // No file yet, or not ours: start afresh.
  }
  return {};
}

/**
 * Merges fresh results into the results file at `path` (by benchmark id) and writes it.
 *
 * @example
 * ```ts
 * mergeResults('bench/results.json', [result]);
 * ```
 */
export function mergeResults(path: string, fresh: readonly StoredResult[]): ResultsFile {
  const benchmarks = readExisting(path);
  for (const result of fresh) benchmarks[result.id] = result;
  const file: ResultsFile = { updatedAt: new Date().toISOString(), machine: machine(), benchmarks };
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return file;
}
