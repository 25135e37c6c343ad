import { basename } from 'node:path';
import { build } from 'esbuild';
import { RINGKIT_ALIASES, ROOT } from './bundle.js';

const OUTDIR = 'bench/out/pages';

/**
 * Bundles a benchmark page (`bench/pages/<name>.ts(x)`) with esbuild, code-split like an app would be
 * (production React unless `development`, which the React Profiler needs),
 * and returns its files by URL path (`/<name>/index.html`, its script and chunks), for a static server.
 *
 * @example
 * ```ts
 * const files = await buildPage('bench/pages/livekit-baseline.ts');
 * const site = await serveStatic({ files });
 * ```
 */
export async function buildPage(entry: string, { development = false } = {}): Promise<Record<string, string>> {
  const name = basename(entry).replace(/\.tsx?$/, '');
  const result = await build({
    entryPoints: { [name]: `${ROOT}${entry}` },
    absWorkingDir: ROOT,
    bundle: true,
    minify: !development,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    outdir: `${OUTDIR}/${name}`,
    alias: RINGKIT_ALIASES,
    define: { 'process.env.NODE_ENV': development ? '"development"' : '"production"' },
    loader: { '.css': 'css' },
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, string> = {};
  const prefix = `${ROOT}${OUTDIR}`;
  for (const file of result.outputFiles) files[file.path.slice(prefix.length)] = file.text;
  const styles = files[`/${name}/${name}.css`] ? `<link rel="stylesheet" href="./${name}.css">` : '';
  files[`/${name}/index.html`] =
    `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title><link rel="icon" href="data:,">${styles}</head>` +
    `<body><div id="root"></div><script type="module" src="./${name}.js"></script></body></html>`;
  return files;
}
