import type { StoredResult } from './types.js';

function format(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ');
}

/**
 * The short table `npm run bench` prints: one line per metric, with baseline and ratio.
 *
 * @example
 * ```ts
 * console.log(renderTable(results));
 * ```
 */
export function renderTable(results: readonly StoredResult[]): string {
  const header = ['benchmark', 'metric', 'value', 'unit', 'baseline', 'ratio'];
  const lines: string[][] = [];
  for (const result of results) {
    if (result.status !== 'ok') {
      lines.push([result.id, result.status.toUpperCase(), '', '', '', (result.error ?? '').slice(0, 80)]);
      continue;
    }
    for (const row of result.rows ?? []) {
      lines.push([result.id, row.metric, format(row.value), row.unit, format(row.baseline), format(row.ratio)]);
    }
  }
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  return [pad(header, widths), pad(widths.map((width) => '-'.repeat(width)), widths), ...lines.map((line) => pad(line, widths))]
    .map((line) => line.trimEnd())
    .join('\n');
}
