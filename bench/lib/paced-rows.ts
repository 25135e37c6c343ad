import type { LoadResult } from '../capacity/messages.js';
import { ratio } from './stats.js';
import type { ResultRow } from './types.js';

/**
 * Rows of a paced load (below saturation): invite -> incoming p50 and p99, the p99 against the
 * p50 of the same run (how far the tail strays), and invite -> ringing p99.
 *
 * @example
 * ```ts
 * rows.push(...pacedRows('paced 250/s, with LiveKit', paced));
 * ```
 */
export function pacedRows(label: string, load: LoadResult): ResultRow[] {
  return [
    { metric: `${label}: invite -> incoming p50`, value: load.incoming.p50, unit: 'ms' },
    {
      metric: `${label}: invite -> incoming p99`,
      value: load.incoming.p99,
      unit: 'ms',
      baseline: load.incoming.p50,
      baselineLabel: 'p50 of the same run',
      ratio: ratio(load.incoming.p99, load.incoming.p50),
    },
    { metric: `${label}: invite -> ringing p99`, value: load.ringing.p99, unit: 'ms' },
  ];
}
