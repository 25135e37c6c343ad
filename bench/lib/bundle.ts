import { gzipSync } from 'node:zlib';
import { build, type Metafile, type OutputFile } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Package root, for resolving `ringkit` to its sources. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `ringkit` and `ringkit/core` resolve to their source entry points, as a user's bundler would see the built ones. */
export const RINGKIT_ALIASES = {
  ringkit: `${ROOT}src/index.ts`,
  'ringkit/core': `${ROOT}src/core.ts`,
  'ringkit/testing': `${ROOT}src/testing.ts`,
} as const;

/** Minified and gzip-compressed byte counts. */
export interface Size {
  minified: number;
  gzip: number;
}

/** One output file of a bundle. */
export interface BundleFile extends Size {
  path: string;
  /** Files this one imports statically (loaded with it) and dynamically (loaded on demand). */
  staticImports: string[];
  dynamicImports: string[];
  /** Source files that ended up in it. */
  inputs: string[];
  /** Minified bytes each source file contributes. */
  inputBytes: Record<string, number>;
}

/** Options of {@link bundle}. */
export interface BundleOptions {
  /** The entry module's source (TS/TSX), resolved from the package root. */
  entry: string;
  /** Package names (and their subpaths) left as imports. */
  external: readonly string[];
  /** Split dynamic imports into their own chunks. */
  splitting?: boolean;
  platform?: 'browser' | 'neutral';
}

/**
 * gzip size at the highest level, as a CDN would serve it.
 *
 * @example
 * ```ts
 * gzipSize(new TextEncoder().encode('hello'));
 * ```
 */
export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 9 }).length;
}

function externals(names: readonly string[]): string[] {
  return names.flatMap((name) => [name, `${name}/*`]);
}

function describeOutputs(files: readonly OutputFile[], metafile: Metafile, outdir: string): BundleFile[] {
  return files
    .filter((file) => file.path.endsWith('.js'))
    .map((file) => {
      const key = file.path.slice(ROOT.length);
      const meta = metafile.outputs[key];
      const local = (path: string) => path.slice(outdir.length + 1);
      const imports = (meta?.imports ?? []).filter((entry) => !entry.external);
      return {
        path: local(key),
        minified: file.contents.length,
        gzip: gzipSize(file.contents),
        staticImports: imports.filter((entry) => entry.kind === 'import-statement').map((entry) => local(entry.path)),
        dynamicImports: imports.filter((entry) => entry.kind === 'dynamic-import').map((entry) => local(entry.path)),
        inputs: Object.keys(meta?.inputs ?? {}),
        inputBytes: Object.fromEntries(Object.entries(meta?.inputs ?? {}).map(([path, input]) => [path, input.bytesInOutput])),
      };
    });
}

/**
 * Bundles `entry` for the browser with esbuild (minified ESM, nothing written) and measures every output.
 *
 * @example
 * ```ts
 * const files = await bundle({ entry: "export * from 'ringkit/core';", external: ['xstate'] });
 * ```
 */
export async function bundle(options: BundleOptions): Promise<BundleFile[]> {
  const outdir = 'bench/out/bundle';
  const result = await build({
    stdin: { contents: options.entry, resolveDir: ROOT, loader: 'tsx', sourcefile: 'entry.tsx' },
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: options.platform ?? 'browser',
    target: 'es2022',
    jsx: 'automatic',
    splitting: options.splitting ?? false,
    outdir,
    entryNames: 'entry',
    chunkNames: 'chunk-[hash]',
    alias: RINGKIT_ALIASES,
    external: externals(options.external),
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'empty' },
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  return describeOutputs(result.outputFiles, result.metafile, outdir);
}

/**
 * Sum of the sizes of `files`.
 *
 * @example
 * ```ts
 * const { gzip } = total(files);
 * ```
 */
export function total(files: readonly Size[]): Size {
  return files.reduce((sum, file) => ({ minified: sum.minified + file.minified, gzip: sum.gzip + file.gzip }), {
    minified: 0,
    gzip: 0,
  });
}

/**
 * `starts` (output paths) and every file they import statically, directly or not: what loading them loads.
 *
 * @example
 * ```ts
 * const chunk = withStaticImports(files, ['chunk-ABC.js']);
 * ```
 */
export function withStaticImports(files: readonly BundleFile[], starts: readonly string[]): BundleFile[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length) {
    const path = queue.shift() ?? '';
    if (seen.has(path) || !byPath.has(path)) continue;
    seen.add(path);
    queue.push(...(byPath.get(path)?.staticImports ?? []));
  }
  return [...seen].flatMap((path) => byPath.get(path) ?? []);
}

/**
 * The files a page loads before running anything else: the entry and everything it imports statically.
 *
 * @example
 * ```ts
 * const initial = loadedUpFront(files);
 * ```
 */
export function loadedUpFront(files: readonly BundleFile[]): BundleFile[] {
  return withStaticImports(files, ['entry.js']);
}

/**
 * What loading `modules` (source paths a page imports with `import()`) loads: the files that hold them and
 * what those import statically.
 *
 * @example
 * ```ts
 * const started = loadedWith(files, ['src/core/call-machine.ts']);
 * ```
 */
export function loadedWith(files: readonly BundleFile[], modules: readonly string[]): BundleFile[] {
  const holders = files.filter((file) => modules.some((module) => file.inputs.includes(module)));
  return withStaticImports(files, holders.map((file) => file.path));
}

/** `node_modules/<name>` (scoped or not) of a source path, or `ringkit` for the package's own files. */
function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1] ?? 'ringkit';
}

/**
 * Minified bytes per package across `files`, largest first: where a bundle's weight comes from.
 *
 * @example
 * ```ts
 * console.log(weightByPackage(files).slice(0, 5));
 * ```
 */
export function weightByPackage(files: readonly BundleFile[]): { name: string; minified: number }[] {
  const sums = new Map<string, number>();
  for (const file of files) {
    for (const [input, bytes] of Object.entries(file.inputBytes)) {
      sums.set(packageOf(input), (sums.get(packageOf(input)) ?? 0) + bytes);
    }
  }
  return [...sums].map(([name, minified]) => ({ name, minified })).sort((a, b) => b.minified - a.minified);
}
