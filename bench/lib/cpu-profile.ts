import { readFileSync } from 'node:fs';

/** One node of a V8 CPU profile (`node --cpu-prof`). */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** A V8 CPU profile. */
export interface CpuProfile {
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
  /** Busy time by the nearest ringkit source file on the stack (a package's time counts for the ringkit file that called it). */
  owners: ProfileCost[];
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
  return summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, count);
}

/** The ringkit source file (`src/...` or `bench/...`) of each node, or of its nearest ancestor that has one. */
function ownersOf(nodes: readonly ProfileNode[]): Map<number, string> {
  const parents = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const owners = new Map<number, string>();
  const ownerOf = (id: number): string => {
    const known = owners.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const own = node && !node.callFrame.url.includes('node_modules') ? /\/((?:src|bench)\/.+)$/.exec(node.callFrame.url)?.[1] : undefined;
    const parent = parents.get(id);
    const owner = own ?? (parent === undefined ? 'no ringkit frame' : ownerOf(parent));
    owners.set(id, owner);
    return owner;
  };
  for (const node of nodes) ownerOf(node.id);
  return owners;
}

/**
 * Summarise a CPU profile object (from `node --cpu-prof`, or the inspector's `Profiler.stop`).
 *
 * @example
 * ```ts
 * const { profile } = await session.post('Profiler.stop');
 * console.log(summarizeProfile(profile).owners);
 * ```
 */
export function summarizeProfile(profile: CpuProfile, count = 10): ProfileSummary {
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerHit = totalHits > 0 ? wallMs / totalHits : 0;
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  const owned = new Map<string, number>();
  const owners = ownersOf(profile.nodes);
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
    const owner = functionName === '(garbage collector)' || functionName === '(program)' ? functionName : (owners.get(node.id) ?? '?');
    owned.set(owner, (owned.get(owner) ?? 0) + ms);
  }
  return {
    busyMs: Math.round(busyMs),
    wallMs: Math.round(wallMs),
    functions: top(functions, busyMs, count),
    areas: top(areas, busyMs, count),
    owners: top(owned, busyMs, count),
  };
}
