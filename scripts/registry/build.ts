/**
 * `npm run registry [-- --url <base URL of r/>] [--out <dir>]`: writes the copy-paste source of
 * `src/react` with a source `registry.json` to `registry/`, then runs `shadcn build` into
 * `registry/public/r/<item>.json`. Serve `registry/public` so that `<url>/<item>.json` answers.
 *
 * @packageDocumentation
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { planRegistry, type PlannedItem } from './plan.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** Where `npm run registry` writes unless told otherwise. */
export const DEFAULT_REGISTRY_DIR = join(ROOT, 'registry');
/** The URL items name each other by unless told otherwise (`RINGKIT_REGISTRY_URL`). */
export const DEFAULT_REGISTRY_URL = process.env.RINGKIT_REGISTRY_URL ?? 'http://localhost:4173/r';

/** What {@link buildRegistry} wrote. */
export interface BuiltRegistry {
  items: PlannedItem[];
  /** The folder of the built `<item>.json` files. */
  outputDir: string;
}

function sourceRegistry(items: readonly PlannedItem[], baseUrl: string): object {
  return {
    $schema: 'https://ui.shadcn.com/schema/registry.json',
    name: 'ringkit',
    homepage: 'https://www.npmjs.com/package/ringkit',
    items: items.map((item) => ({
      name: item.name,
      type: item.type,
      title: item.title,
      description: item.description,
      ...(item.dependencies.length > 0 ? { dependencies: item.dependencies } : {}),
      ...(item.registryDependencies.length > 0
        ? { registryDependencies: item.registryDependencies.map((name) => `${baseUrl}/${name}.json`) }
        : {}),
      files: item.files.map(({ placement }) => placement),
    })),
  };
}

/**
 * Generate the registry from `src/react` and build it with the shadcn CLI.
 *
 * @example
 * ```ts
 * const { outputDir } = await buildRegistry({ dir: tmp, baseUrl: 'http://localhost:4173/r' });
 * ```
 */
export async function buildRegistry({
  dir = DEFAULT_REGISTRY_DIR,
  baseUrl = DEFAULT_REGISTRY_URL,
}: { dir?: string; baseUrl?: string } = {}): Promise<BuiltRegistry> {
  const items = planRegistry();
  await rm(dir, { recursive: true, force: true });
  for (const { placement, content } of items.flatMap((item) => item.files)) {
    const path = join(dir, placement.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  await writeFile(join(dir, 'registry.json'), `${JSON.stringify(sourceRegistry(items, baseUrl.replace(/\/$/, '')), null, 2)}\n`);
  const outputDir = join(dir, 'public', 'r');
  const shadcn = join(ROOT, 'node_modules', '.bin', 'shadcn');
  await promisify(execFile)(shadcn, ['build', 'registry.json', '--output', outputDir, '--cwd', dir], { cwd: dir });
  return { items, outputDir };
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({ options: { url: { type: 'string' }, out: { type: 'string' } } });
  const { items, outputDir } = await buildRegistry({
    ...(values.out ? { dir: resolve(values.out) } : {}),
    ...(values.url ? { baseUrl: values.url } : {}),
  });
  console.log(`${items.length} items in ${outputDir}`);
}
