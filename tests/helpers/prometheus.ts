/**
 * Read a Prometheus text exposition (what `GET /metrics` answers) in tests.
 */

/** One sample's value by metric name and labels; `undefined` when absent. */
export type Samples = (name: string, labels?: Record<string, string>) => number | undefined;

/**
 * Fetch `/metrics` and index its samples.
 *
 * @example
 * ```ts
 * const value = await scrape('http://127.0.0.1:8787/metrics');
 * expect(value('ringkit_calls_ended_total', { reason: 'completed' })).toBe(1);
 * ```
 */
export async function scrape(url: string): Promise<Samples> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{.*\})?\s+(\S+)$/.exec(line);
    if (!match?.[1] || match[3] === undefined) continue;
    samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return (name, labels = {}) => {
    const entries = Object.entries(labels);
    const key = entries.length === 0 ? name : `${name}{${entries.map(([label, value]) => `${label}="${value}"`).join(',')}}`;
    return samples.get(key);
  };
}
