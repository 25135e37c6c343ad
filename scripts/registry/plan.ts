/**
 * The registry's items, planned from the import graph of `src/react`: which files each item
 * copies, the items it needs (`registryDependencies`) and the npm packages it imports.
 *
 * @packageDocumentation
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coreExports } from './core-exports.js';
import { readImports, REACT_DIR, type SourceImport } from './imports.js';
import { NAMED_ITEMS, SHARED_ITEM, type ItemSpec } from './items.js';
import { importAlias, placeFile, type Placement } from './layout.js';

/** Packages an app has already (React's peers); copies import them without declaring them. */
const APP_PACKAGES = new Set(['react', 'react-dom']);
/** The npm package behind `ringkit/core` imports. */
export const CORE_PACKAGE = 'ringkit';
const CORE_ENTRY = `${CORE_PACKAGE}/core`;

/** A file of an item: its source, its place in the registry and the copied text. */
export interface PlannedFile {
  /** Path under `src/react`. */
  source: string;
  placement: Placement;
  content: string;
}

/** A registry item with its files and dependencies (item names and npm packages). */
export interface PlannedItem extends Omit<ItemSpec, 'files'> {
  files: PlannedFile[];
  registryDependencies: string[];
  dependencies: string[];
}

interface SourceFile {
  rel: string;
  text: string;
  imports: SourceImport[];
}

function packageDoc(text: string): string {
  const doc = /\/\*\*([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
  const lines = doc.split('\n').map((line) => line.replace(/^\s*\*\s?/, '').trim());
  const start = lines.findIndex((line) => line !== '');
  const end = lines.indexOf('', start);
  return lines.slice(start, end === -1 ? undefined : end).join(' ');
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function hookItems(taken: ReadonlySet<string>): ItemSpec[] {
  return readdirSync(REACT_DIR)
    .filter((file) => /^use-.*\.ts$/.test(file) && !taken.has(file))
    .sort()
    .map((file) => {
      const name = file.replace(/\.ts$/, '');
      const description = packageDoc(readFileSync(join(REACT_DIR, file), 'utf8'));
      return { name, type: 'registry:hook', title: camelCase(name), description, files: [file] };
    });
}

/** The import graph from the items' files, one node per reached file of `src/react`. */
function readGraph(roots: readonly string[]): Map<string, SourceFile> {
  const graph = new Map<string, SourceFile>();
  const pending = [...roots];
  for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
    if (graph.has(rel)) continue;
    const path = join(REACT_DIR, rel);
    if (!existsSync(path)) throw new Error(`registry item file src/react/${rel} does not exist (scripts/registry/items.ts)`);
    const text = readFileSync(path, 'utf8');
    const imports = rel.endsWith('.css') ? [] : readImports(path, text);
    graph.set(rel, { rel, text, imports });
    for (const { target } of imports) if (target.kind === 'react') pending.push(target.rel);
  }
  return graph;
}

function reactImports(file: SourceFile): string[] {
  return file.imports.flatMap(({ target }) => (target.kind === 'react' ? [target.rel] : []));
}

/** Files no item names go to the one item that reaches them, or to the shared item when several do. */
function assignOwners(specs: readonly ItemSpec[], graph: ReadonlyMap<string, SourceFile>): Map<string, string> {
  const owner = new Map<string, string>();
  for (const spec of specs) for (const rel of spec.files) owner.set(rel, spec.name);
  const reachedBy = new Map<string, Set<string>>();
  for (const spec of specs) {
    const pending = spec.files.flatMap((rel) => reactImports(graph.get(rel)!));
    const seen = new Set<string>();
    for (let rel = pending.pop(); rel !== undefined; rel = pending.pop()) {
      if (seen.has(rel) || owner.has(rel)) continue;
      seen.add(rel);
      reachedBy.set(rel, (reachedBy.get(rel) ?? new Set()).add(spec.name));
      pending.push(...reactImports(graph.get(rel)!));
    }
  }
  for (const [rel, items] of reachedBy) owner.set(rel, items.size === 1 ? [...items][0]! : SHARED_ITEM.name);
  return owner;
}

function checkCoreNames(file: SourceFile, exported: ReadonlySet<string>): void {
  for (const { target, names, specifier } of file.imports) {
    if (target.kind === 'forbidden') {
      throw new Error(`src/react/${file.rel} imports '${specifier}': copies may use only src/react, ringkit/core and packages`);
    }
    if (target.kind !== 'core') continue;
    const missing = names.filter((name) => name !== '*' && !exported.has(name));
    if (missing.length > 0) {
      throw new Error(`src/react/${file.rel} imports ${missing.join(', ')} from '${specifier}', which ${CORE_ENTRY} does not export (src/core.ts)`);
    }
  }
}

function rewrite(file: SourceFile, placements: ReadonlyMap<string, Placement>): string {
  let text = file.text;
  for (const entry of [...file.imports].reverse()) {
    const { target } = entry;
    const specifier =
      target.kind === 'react' ? importAlias(placements.get(target.rel)!) : target.kind === 'core' ? CORE_ENTRY : entry.specifier;
    text = text.slice(0, entry.start) + specifier + text.slice(entry.end);
  }
  return text;
}

/** Each file's place in the registry; two files may not land on one path. */
function placeAll(owner: ReadonlyMap<string, string>, specs: readonly ItemSpec[]): Map<string, Placement> {
  const typeOf = new Map(specs.map((spec) => [spec.name, spec.type]));
  const placements = new Map([...owner].map(([rel, name]) => [rel, placeFile(rel, typeOf.get(name)!)]));
  const sources = new Map<string, string>();
  for (const [rel, { path }] of placements) {
    if (sources.has(path)) throw new Error(`src/react/${rel} and src/react/${sources.get(path)} both land at ${path}`);
    sources.set(path, rel);
  }
  return placements;
}

/** The npm package an import needs in the app, if any. */
function packageOf({ target }: SourceImport): string[] {
  if (target.kind === 'core') return [CORE_PACKAGE];
  return target.kind === 'package' && !APP_PACKAGES.has(target.name) ? [target.name] : [];
}

/**
 * Plan every registry item from `src/react` as it is now.
 *
 * @example
 * ```ts
 * for (const item of planRegistry()) console.log(item.name, item.files.map((file) => file.placement.path));
 * ```
 */
export function planRegistry(): PlannedItem[] {
  const named = [...NAMED_ITEMS, ...hookItems(new Set(NAMED_ITEMS.flatMap((spec) => spec.files)))];
  const graph = readGraph(named.flatMap((spec) => spec.files));
  const owner = assignOwners(named, graph);
  const specs = [...owner.values()].includes(SHARED_ITEM.name) ? [...named, { ...SHARED_ITEM, files: [] }] : named;
  const placements = placeAll(owner, specs);
  const exported = coreExports();
  return specs.map((spec) => {
    const gathered = [...owner].filter(([rel, name]) => name === spec.name && !spec.files.includes(rel)).map(([rel]) => rel);
    const files = [...spec.files, ...gathered.sort()].map((rel) => graph.get(rel)!);
    for (const file of files) checkCoreNames(file, exported);
    const imports = files.flatMap((file) => file.imports);
    const needs = new Set(imports.flatMap(({ target }) => (target.kind === 'react' ? [owner.get(target.rel)!] : [])));
    needs.delete(spec.name);
    return {
      name: spec.name,
      type: spec.type,
      title: spec.title,
      description: spec.description,
      files: files.map((file) => ({ source: file.rel, placement: placements.get(file.rel)!, content: rewrite(file, placements) })),
      registryDependencies: [...needs].sort(),
      dependencies: [...new Set(imports.flatMap(packageOf))].sort(),
    };
  });
}
