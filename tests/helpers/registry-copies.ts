/**
 * Compare registry copies (built items, or files `shadcn add` wrote into an app) with the
 * `src/react` files they come from: only import specifiers may differ.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readImports, REACT_DIR } from '../../scripts/registry/imports.js';

/** A file's text with every import specifier blanked, and the specifiers in order. */
export interface ImportSplit {
  skeleton: string;
  specifiers: string[];
}

/**
 * Split `text` (a file at `path`) into its import specifiers and the rest.
 *
 * @example
 * ```ts
 * splitImports('a.ts', "import { x } from 'y';").specifiers; // ['y']
 * ```
 */
export function splitImports(path: string, text: string): ImportSplit {
  if (path.endsWith('.css')) return { skeleton: text, specifiers: [] };
  let skeleton = text;
  const imports = readImports(path, text);
  for (const { start, end } of [...imports].reverse()) skeleton = `${skeleton.slice(0, start)}${skeleton.slice(end)}`;
  return { skeleton, specifiers: imports.map(({ specifier }) => specifier) };
}

/** How a copy may differ from its source besides import specifiers. */
export interface CopyRules {
  /**
   * The shadcn CLI drops the comments before a file's first statement when no directive
   * (`'use client'`) precedes them; allow that for files it installed.
   */
  leadingCommentsDropped?: boolean;
}

const LEADING_COMMENTS = /^(?:\s*(?:\/\*[\s\S]*?\*\/|\/\/[^\n]*))+\s*/;

/**
 * `null` when `copy` is `src/react/<source>` with only import specifiers changed; otherwise what differs.
 *
 * @example
 * ```ts
 * expect(differenceFromSource('use-call.ts', builtItem.files[0].content)).toBeNull();
 * ```
 */
export function differenceFromSource(
  source: string,
  copy: string,
  copyPath = join(REACT_DIR, source),
  { leadingCommentsDropped = false }: CopyRules = {},
): string | null {
  const sourcePath = join(REACT_DIR, source);
  let text = readFileSync(sourcePath, 'utf8');
  const comments = LEADING_COMMENTS.exec(text)?.[0];
  if (leadingCommentsDropped && comments && !copy.startsWith(comments)) text = text.slice(comments.length);
  const original = splitImports(sourcePath, text);
  const copied = splitImports(copyPath, copy);
  if (original.specifiers.length !== copied.specifiers.length) {
    return `src/react/${source} has ${original.specifiers.length} imports, the copy ${copied.specifiers.length}`;
  }
  const lines = original.skeleton.split('\n');
  const copiedLines = copied.skeleton.split('\n');
  const line = lines.findIndex((text, index) => text !== copiedLines[index]);
  if (line === -1 && lines.length === copiedLines.length) return null;
  const at = line === -1 ? lines.length : line;
  return `src/react/${source}:${at + 1} differs: ${JSON.stringify(lines[at])} in the source, ${JSON.stringify(copiedLines[at])} in the copy`;
}
