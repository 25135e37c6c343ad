import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serveStatic, type StaticServer } from './e2e-static-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILDS = join(ROOT, '.cache', 'e2e-demo');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** A fingerprint of the demo's and the library's sources (paths, sizes, modification times). */
async function sourceFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await filesUnder(join(ROOT, 'src'))), ...(await filesUnder(join(ROOT, 'demo')))].sort();
  for (const file of files) {
    const info = await stat(file);
    hash.update(`${file}\0${info.size}\0${info.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the demo app (Vite, `demo/vite.config.ts`) unless a build of the same sources exists,
 * and returns its folder. Older builds are removed.
 *
 * @example
 * ```ts
 * const dir = await buildDemo();
 * ```
 */
export async function buildDemo(): Promise<string> {
  const key = await sourceFingerprint();
  const outDir = join(BUILDS, key);
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  if (existsSync(BUILDS)) {
    for (const old of await readdir(BUILDS)) await rm(join(BUILDS, old), { recursive: true, force: true });
  }
  await build({
    configFile: join(ROOT, 'demo', 'vite.config.ts'),
    mode: 'development',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: false, sourcemap: false },
  });
  return outDir;
}

/**
 * Serves the built demo on a free loopback port (`http://localhost:<port>`).
 *
 * @example
 * ```ts
 * const site = await startDemoSite();
 * await page.goto(`${site.url}/?user=alice&server=${serverUrl}`);
 * ```
 */
export async function startDemoSite(): Promise<StaticServer> {
  return serveStatic({ dir: await buildDemo() });
}
