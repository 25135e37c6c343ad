import { readFileSync } from 'node:fs';

/** One node of a V8 CPU profile (`node --cpu-prof`). */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** One line of a profile summary: a cost and its share of the busy (non-idle) time. */
export interface ProfileCost {
  name: string;
  ms: number;
  /** Share of busy time, 0..100. */
  percent: number;
}

/** Where a CPU profile's busy time went: by function (self time) and by area (package, source file, runtime). */
export interface ProfileSummary {
  busyMs: number;
  wallMs: number;
  functions: ProfileCost[];
  areas: ProfileCost[];
}

/** The area a frame belongs to: a package, a ringkit source file, a Node internal module, or a V8 pseudo-frame. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `native ${functionName}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const source = /\/(src\/.+)$/.exec(url);
  if (source?.[1]) return source[1];
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '');
}

function top(costs: Map<string, number>, busyMs: number, count: number): ProfileCost[] {
  return [...costs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((ms / busyMs) * 1000) / 10 }));
}

/**
 * Summarise a `.cpuprofile`: self time per function and per area, idle time left out.
 *
 * @example
 * ```ts
 * const { areas } = summarizeCpuProfile('/tmp/prof/CPU.20261129.130000.4242.0.001.cpuprofile');
 * ```
 */
export function summarizeCpuProfile(file: string, count = 10): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerHit = totalHits > 0 ? wallMs / totalHits : 0;
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let busyMs = 0;
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const ms = (node.hitCount ?? 0) * msPerHit;
    if (ms === 0 || functionName === '(idle)') continue;
    busyMs += ms;
    const area = areaOf(url, functionName);
    const name = `${functionName || '(anonymous)'} ${area}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    areas.set(area, (areas.get(area) ?? 0) + ms);
  }
  return { busyMs: Math.round(busyMs), wallMs: Math.round(wallMs), functions: top(functions, busyMs, count), areas: top(areas, busyMs, count) };
}
