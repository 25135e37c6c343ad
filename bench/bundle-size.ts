/**
 * Bundle size: minified and gzip size of `ringkit` (without and with code splitting, per package),
 * `ringkit/core` and `ringkit/testing` (peers and xstate external), the JavaScript a page waiting for
 * calls needs to render and what it loads before any call (with the chunks its client starts loading
 * at creation), per package, and `@livekit/components-react` built the same way. The metafile of `ringkit` and `ringkit/core` must hold no source file of the
 * server (the call service) or of `src/testing` (memory hub, fake media).
 *
 * @packageDocumentation
 */
import { bundle, loadedUpFront, loadedWith, total, weightByPackage, type BundleFile, type Size } from './lib/bundle.js';
import { ratio } from './lib/stats.js';
import type { Benchmark, BenchmarkOutput, ResultRow } from './lib/types.js';

/**
 * What the issue keeps external for the library sizes, plus the media packages the library loads
 * with `import()` only when used (background filters): without code splitting they would be
 * inlined and counted as ringkit's own code.
 */
const LIBRARY_EXTERNALS = ['react', 'react-dom', 'livekit-client', 'xstate', '@livekit/track-processors', '@mediapipe/tasks-vision'];
/** Peers of `@livekit/components-react` (krisp is an optional peer loaded on demand). */
const COMPONENTS_REACT_EXTERNALS = ['react', 'react-dom', 'livekit-client', '@livekit/krisp-noise-filter', 'tslib'];

/**
 * Modules the waiting page starts loading with `import()` before any call: the client schemas and the call
 * machine, when the client is created (`src/core/load-client-schemas.ts`, `src/core/load-call-machine.ts`).
 * The page renders without them, but downloads them before any call: the "before any call, with the chunks
 * started at creation" rows count them, so a deferred download is not mistaken for a saved one.
 */
const STARTED_BEFORE_ANY_CALL = ['src/protocol/client-schemas.ts', 'src/core/call-machine.ts'];

const WAITING_PAGE = `
import { createRoot } from 'react-dom/client';
import { RingProvider, CallButton, IncomingCallModal } from 'ringkit';
import { createRingClient } from 'ringkit/core';
const client = createRingClient({ url: 'wss://calls.example.com', token: 'token' });
createRoot(document.getElementById('root')!).render(
  <RingProvider client={client}>
    <CallButton to="bob" video />
    <IncomingCallModal />
  </RingProvider>,
);
`;

const REACT_ONLY_PAGE = `
import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')!).render(<button>Call</button>);
`;

const kib = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

function sizeRows(label: string, size: Size, baseline?: { label: string; size: Size }): ResultRow[] {
  return [
    { metric: `${label} min`, value: kib(size.minified), unit: 'KiB' },
    {
      metric: `${label} gzip`,
      value: kib(size.gzip),
      unit: 'KiB',
      ...(baseline && {
        baseline: kib(baseline.size.gzip),
        baselineLabel: `${baseline.label} gzip`,
        ratio: ratio(size.gzip, baseline.size.gzip),
      }),
    },
  ];
}

/** Source files of the server or of `ringkit/testing` that ended up in `files` (esbuild's metafile inputs). */
function serverOrTestingInputs(files: readonly BundleFile[]): string[] {
  return [...new Set(files.flatMap((file) => file.inputs))].filter((input) => input.startsWith('src/server/') || input.startsWith('src/testing/'));
}

function isLiveKitInput(input: string): boolean {
  return input.includes('node_modules/livekit-client/');
}

/** The files a dynamic import reaches: its targets and what they import statically (shared lazy chunks). */
function loadedOnDemand(files: readonly BundleFile[]): Set<string> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const reached = new Set<string>();
  const queue = files.flatMap((file) => file.dynamicImports);
  while (queue.length) {
    const path = queue.shift() ?? '';
    if (reached.has(path) || !byPath.has(path)) continue;
    reached.add(path);
    queue.push(...(byPath.get(path)?.staticImports ?? []));
  }
  return reached;
}

/** Where livekit-client landed in the page build: never up front, in a chunk only a dynamic import reaches. */
function liveKitPlacement(files: readonly BundleFile[], initial: readonly BundleFile[]) {
  const upFront = initial.some((file) => file.inputs.some(isLiveKitInput));
  const chunks = files.filter((file) => file.inputs.some(isLiveKitInput));
  const onDemandFiles = loadedOnDemand(files);
  const onDemand = chunks.length > 0 && !upFront && chunks.every((file) => onDemandFiles.has(file.path));
  return { upFront, onDemand, chunks: chunks.map((file) => file.path), size: total(chunks) };
}

/** The packages that weigh most in `files`, in KiB minified. */
function topPackages(files: readonly BundleFile[]): { name: string; minifiedKiB: number }[] {
  return weightByPackage(files)
    .slice(0, 8)
    .map(({ name, minified }) => ({ name, minifiedKiB: kib(minified) }));
}

const REACT_PACKAGES = ['react-dom', 'react', 'scheduler'];

/** What a share of `files` is made of (React left out): minified KiB per package, and its part of the share's gzip (in proportion). */
function shareByPackage(label: string, files: readonly BundleFile[], shareGzip: number): ResultRow[] {
  const packages = weightByPackage(files).filter((entry) => !REACT_PACKAGES.includes(entry.name));
  const minified = packages.reduce((sum, entry) => sum + entry.minified, 0);
  return packages.flatMap(({ name, minified: bytes }) => [
    { metric: `${label}: ${name} min`, value: kib(bytes), unit: 'KiB' },
    { metric: `${label}: ${name} gzip (pro rata)`, value: kib((shareGzip * bytes) / minified), unit: 'KiB' },
  ]);
}

/** The `ringkit` entry built with code splitting: the entry chunk (what importing it loads) and the chunks it loads on demand. */
async function ringkitSplitRows(notes: string[]): Promise<ResultRow[]> {
  const files = await attempt('ringkit (split)', notes, () =>
    bundle({ entry: "export * from 'ringkit';", external: LIBRARY_EXTERNALS, splitting: true }),
  );
  if (!files) return [];
  const entry = loadedUpFront(files);
  const entrySize = total(entry);
  const onDemand = total(files.filter((file) => !entry.includes(file)));
  return [
    { metric: 'ringkit split: entry chunk gzip', value: kib(entrySize.gzip), unit: 'KiB' },
    { metric: 'ringkit split: on-demand chunks gzip', value: kib(onDemand.gzip), unit: 'KiB' },
    ...shareByPackage('ringkit split entry chunk', entry, entrySize.gzip),
  ];
}

/** Runs one measurement; a failure (say, an export that does not exist yet) becomes a note instead of sinking the rest. */
async function attempt<T>(label: string, notes: string[], work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    notes.push(`${label} could not be built: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

async function measure(): Promise<BenchmarkOutput> {
  const notes: string[] = [];
  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = {
    externals: { library: LIBRARY_EXTERNALS, componentsReact: COMPONENTS_REACT_EXTERNALS },
  };
  const componentsWhole = total(
    await bundle({ entry: "export * from '@livekit/components-react';", external: COMPONENTS_REACT_EXTERNALS }),
  );
  const componentsPick = total(
    await bundle({
      entry: "export { useTracks, VideoTrack, ParticipantTile } from '@livekit/components-react';",
      external: COMPONENTS_REACT_EXTERNALS,
    }),
  );
  const components = { label: '@livekit/components-react (whole)', size: componentsWhole };
  const ringkitFiles = await attempt('ringkit', notes, () => bundle({ entry: "export * from 'ringkit';", external: LIBRARY_EXTERNALS }));
  const ringkit = ringkitFiles && total(ringkitFiles);
  if (ringkit) rows.push(...sizeRows('ringkit', ringkit, components));
  if (ringkitFiles && ringkit) rows.push(...shareByPackage('ringkit (no splitting)', ringkitFiles, ringkit.gzip));
  rows.push(...(await ringkitSplitRows(notes)));
  const coreFiles = await attempt('ringkit/core', notes, () =>
    bundle({ entry: "export * from 'ringkit/core';", external: LIBRARY_EXTERNALS }),
  );
  const core = coreFiles && total(coreFiles);
  if (core) rows.push(...sizeRows('ringkit/core', core));
  if (coreFiles) details.coreByPackage = topPackages(coreFiles);
  const testing = await attempt('ringkit/testing', notes, async () =>
    total(await bundle({ entry: "export * from 'ringkit/testing';", external: LIBRARY_EXTERNALS })),
  );
  if (testing) rows.push(...sizeRows('ringkit/testing (memory hub with the call service, fake media)', testing));
  for (const [label, files] of [['ringkit', ringkitFiles], ['ringkit/core', coreFiles]] as const) {
    if (!files) continue;
    const leaked = serverOrTestingInputs(files);
    rows.push({ metric: `${label}: files from src/server or src/testing`, value: leaked.length, unit: 'files' });
    if (leaked.length > 0) notes.push(`${label} bundles server or test code: ${leaked.slice(0, 5).join(', ')}`);
  }
  const reactPage = total(loadedUpFront(await bundle({ entry: REACT_ONLY_PAGE, external: [], splitting: true })));
  const pageFiles = await attempt('the waiting page', notes, () =>
    bundle({ entry: WAITING_PAGE, external: [], splitting: true }),
  );
  if (pageFiles) {
    const pageInitial = loadedUpFront(pageFiles);
    const page = total(pageInitial);
    const livekit = liveKitPlacement(pageFiles, pageInitial);
    const share = page.gzip - reactPage.gzip;
    const started = loadedWith(pageFiles, STARTED_BEFORE_ANY_CALL).filter((file) => !pageInitial.includes(file));
    const missing = STARTED_BEFORE_ANY_CALL.filter((module) => !pageFiles.some((file) => file.inputs.includes(module)));
    if (missing.length) notes.push(`Modules the page starts loading at creation are in no chunk: ${missing.join(', ')}`);
    const beforeAnyCall = [...pageInitial, ...started];
    const beforeAnyCallSize = total(beforeAnyCall);
    const beforeAnyCallShare = beforeAnyCallSize.gzip - reactPage.gzip;
    rows.push(
      ...sizeRows('page before any call', page, { label: 'React-only page', size: reactPage }),
      { metric: 'page: ringkit share gzip', value: kib(share), unit: 'KiB' },
      ...shareByPackage('page share', pageInitial, share),
      { metric: 'page to render (first chunks only) gzip', value: kib(page.gzip), unit: 'KiB', baseline: kib(reactPage.gzip), baselineLabel: 'React-only page gzip', ratio: ratio(page.gzip, reactPage.gzip) },
      {
        metric: 'page before any call, with the chunks started at creation gzip',
        value: kib(beforeAnyCallSize.gzip),
        unit: 'KiB',
        baseline: kib(reactPage.gzip),
        baselineLabel: 'React-only page gzip',
        ratio: ratio(beforeAnyCallSize.gzip, reactPage.gzip),
      },
      { metric: 'page before any call, with the chunks started at creation: ringkit share gzip', value: kib(beforeAnyCallShare), unit: 'KiB' },
      ...shareByPackage('page + started chunks share', beforeAnyCall, beforeAnyCallShare),
      { metric: 'livekit-client on demand gzip', value: kib(livekit.size.gzip), unit: 'KiB' },
      { metric: 'livekit-client split off', value: livekit.onDemand ? 1 : 0, unit: 'yes=1' },
    );
    if (!livekit.onDemand) {
      notes.push(
        livekit.upFront
          ? 'livekit-client is in the JavaScript loaded before any call: something imports it statically.'
          : 'livekit-client is not in any chunk reachable by a dynamic import.',
      );
    }
    details.page = {
      initialFiles: pageInitial.map(({ path, minified, gzip }) => ({ path, minified, gzip })),
      startedAtCreation: { modules: STARTED_BEFORE_ANY_CALL, files: started.map(({ path, minified, gzip }) => ({ path, minified, gzip })) },
      allFiles: pageFiles.map(({ path, minified, gzip }) => ({ path, minified, gzip })),
      livekitChunks: livekit.chunks,
      livekitUpFront: livekit.upFront,
    };
    details.pageBytes = { page, reactPage, livekitOnDemand: livekit.size };
    const heaviest = topPackages(pageInitial).filter((entry) => !REACT_PACKAGES.includes(entry.name));
    details.pageByPackage = topPackages(pageInitial);
    notes.push(
      `Besides React, the page loads before any call: ${heaviest
        .slice(0, 4)
        .map((entry) => `${entry.name} ${entry.minifiedKiB} KiB`)
        .join(', ')} (minified, before gzip).`,
    );
  }
  rows.push(
    ...sizeRows('@livekit/components-react whole', componentsWhole),
    ...sizeRows('@livekit/components-react {useTracks,VideoTrack,ParticipantTile}', componentsPick),
  );
  details.bytes = { ringkit, core, testing, componentsWhole, componentsPick, reactPage };
  return { rows, details, notes };
}

/** Bundle sizes built with esbuild (minified ESM, gzip level 9). */
export const bundleSizeBenchmark: Benchmark = {
  id: 'bundle',
  title: 'Bundle size (esbuild, minified + gzip)',
  budgetMs: 90_000,
  run: () => measure(),
};
