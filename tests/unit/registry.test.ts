import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registryItemSchema } from 'shadcn/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistry } from '../../scripts/registry/build.js';
import { readImports, REACT_DIR } from '../../scripts/registry/imports.js';
import type { PlannedItem } from '../../scripts/registry/plan.js';
import { differenceFromSource, splitImports } from '../helpers/registry-copies.js';

const BASE_URL = 'http://localhost:4599/r';

interface BuiltItem {
  name: string;
  type: string;
  dependencies?: string[];
  registryDependencies?: string[];
  files: { path: string; type: string; content: string }[];
}

let dir: string;
let plan: PlannedItem[];
let built: BuiltItem[];
/** Registry path (`ringkit/hooks/use-call.ts`) -> the item that copies it and its source under src/react. */
let byPath: Map<string, { item: string; source: string }>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ringkit-registry-'));
  const result = await buildRegistry({ dir, baseUrl: BASE_URL });
  plan = result.items;
  const names = (await readdir(result.outputDir)).filter((file) => file !== 'registry.json');
  built = await Promise.all(
    names.map(async (file) => registryItemSchema.parse(JSON.parse(await readFile(join(result.outputDir, file), 'utf8'))) as BuiltItem),
  );
  byPath = new Map(plan.flatMap((item) => item.files.map((file) => [file.placement.path, { item: item.name, source: file.source }])));
}, 180_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

/** The registry path a copy's `@/registry/...` import names, with its extension. */
function importedPath(specifier: string): string | undefined {
  const stem = specifier.replace(/^@\/registry\//, '');
  return ['.ts', '.tsx'].map((ext) => stem + ext).find((path) => byPath.has(path));
}

describe('the shadcn registry built from src/react', () => {
  it('has an item for each hook and component the README lists, plus provider, texts and styles', () => {
    const types = Object.fromEntries(built.map((item) => [item.name, item.type]));
    for (const hook of ['use-call', 'use-incoming-call', 'use-media-devices']) expect(types[hook]).toBe('registry:hook');
    for (const ui of ['call-button', 'incoming-call-modal', 'video-tile', 'call-view', 'call-controls', 'device-select']) {
      expect(types[ui]).toBe('registry:ui');
    }
    expect(Object.keys(types)).toEqual(expect.arrayContaining(['ring-provider', 'ringkit-i18n', 'ringkit-styles']));
    expect(built.map((item) => item.name).sort()).toEqual(plan.map((item) => item.name).sort());
  });

  it('copies each source file as it is: only import paths differ (no drift)', () => {
    for (const item of built) {
      for (const file of item.files) {
        const origin = byPath.get(file.path);
        expect(origin, `${item.name}: ${file.path} comes from no file of src/react`).toBeDefined();
        expect(origin!.item).toBe(item.name);
        expect(differenceFromSource(origin!.source, file.content)).toBeNull();
      }
    }
  });

  it('detects a copy that differs from its source', () => {
    const file = built.find((item) => item.name === 'use-call')!.files[0]!;
    const source = byPath.get(file.path)!.source;
    expect(differenceFromSource(source, file.content.replace('startCall', 'placeCall'))).toMatch(/differs/);
    expect(differenceFromSource(source, `${file.content}import 'extra';\n`)).toMatch(/imports/);
  });

  it('rewrites imports to ringkit/core and to copies of the same files, and nothing else', () => {
    for (const item of built) {
      for (const file of item.files.filter(({ path }) => !path.endsWith('.css'))) {
        const source = join(REACT_DIR, byPath.get(file.path)!.source);
        const originals = readImports(source);
        const copied = splitImports(file.path, file.content).specifiers;
        originals.forEach(({ target, specifier }, index) => {
          const copy = copied[index]!;
          if (target.kind === 'core') expect(copy).toBe('ringkit/core');
          else if (target.kind === 'package') expect(copy).toBe(specifier);
          else if (target.kind === 'react') expect(byPath.get(importedPath(copy) ?? '')?.source, `${file.path}: ${copy}`).toBe(target.rel);
          else expect.fail(`${source} imports ${specifier}, which a copy cannot use`);
        });
        expect(copied).not.toContain('ringkit');
      }
    }
  });

  it('declares the items and npm packages its copies import, and no others', () => {
    const urls = new Set(built.map((item) => `${BASE_URL}/${item.name}.json`));
    for (const item of built) {
      const specifiers = item.files.flatMap((file) => splitImports(file.path, file.content).specifiers);
      const needed = new Set(
        specifiers.filter((s) => s.startsWith('@/registry/')).map((s) => `${BASE_URL}/${byPath.get(importedPath(s)!)!.item}.json`),
      );
      needed.delete(`${BASE_URL}/${item.name}.json`);
      expect(new Set(item.registryDependencies ?? []), item.name).toEqual(needed);
      for (const url of needed) expect(urls).toContain(url);
      const packages = new Set(
        specifiers
          .filter((s) => !s.startsWith('@/') && !['react', 'react-dom'].includes(s.split('/')[0]!))
          .map((s) => (s === 'ringkit/core' ? 'ringkit' : s)),
      );
      expect(new Set(item.dependencies ?? []), item.name).toEqual(packages);
    }
  });

  it('puts every file the items reach in exactly one item', () => {
    const copied = plan.flatMap((item) => item.files.map((file) => file.source));
    expect(new Set(copied).size).toBe(copied.length);
    for (const item of plan) {
      for (const file of item.files) {
        for (const { target } of readImports(join(REACT_DIR, file.source))) {
          if (target.kind === 'react') expect(copied, `${file.source} imports ${target.rel}`).toContain(target.rel);
        }
      }
    }
  });
});
