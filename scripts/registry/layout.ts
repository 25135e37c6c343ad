/**
 * Where a file of `src/react` lands in the registry (and so in an app), and how copies import it.
 *
 * An app gets hooks in its `hooks` alias, the components in `ui`, `<RingProvider>` in `components`,
 * the rest under `lib/ringkit/`, and the stylesheet as `src/styles/ringkit.css`.
 *
 * @packageDocumentation
 */
import type { ItemType } from './items.js';

/** The style folder of the registry's source tree (`registry/ringkit/...`). */
export const REGISTRY_STYLE = 'ringkit';

/** shadcn file types the registry uses; the type picks the app folder (alias). */
export type FileType = 'registry:hook' | 'registry:ui' | 'registry:component' | 'registry:lib' | 'registry:file';

/** A file's place in the registry. */
export interface Placement {
  /** Path under the registry root, e.g. `ringkit/hooks/use-call.ts`. */
  path: string;
  type: FileType;
  /** For `registry:file`: the path in the app. */
  target?: string;
}

const RENAMED: Readonly<Record<string, string>> = { 'provider.tsx': 'ring-provider.tsx' };

function placed(folder: string, file: string, type: FileType): Placement {
  return { path: `${REGISTRY_STYLE}/${folder}/${file}`, type };
}

/**
 * The placement of `rel` (a path under `src/react`) in an item of type `itemType`.
 *
 * @example
 * ```ts
 * placeFile('use-call.ts', 'registry:hook'); // { path: 'ringkit/hooks/use-call.ts', type: 'registry:hook' }
 * ```
 */
export function placeFile(rel: string, itemType: ItemType): Placement {
  const base = rel.split('/').at(-1) ?? rel;
  const folder = rel.slice(0, -base.length);
  if (rel === 'styles.css') {
    return { path: `${REGISTRY_STYLE}/styles/ringkit.css`, type: 'registry:file', target: 'styles/ringkit.css' };
  }
  if ((folder === '' || folder === 'components/') && /^use-.*\.ts$/.test(base)) return placed('hooks', base, 'registry:hook');
  if (folder === 'components/' && itemType === 'registry:ui') return placed('ui', base, 'registry:ui');
  if (RENAMED[rel]) return placed('components', RENAMED[rel], 'registry:component');
  return placed('lib', `ringkit/${rel.replace(/^components\//, '')}`, 'registry:lib');
}

/**
 * The import specifier copies use for a placed file, which the shadcn CLI rewrites to the app's aliases.
 *
 * @example
 * ```ts
 * importAlias({ path: 'ringkit/hooks/use-call.ts', type: 'registry:hook' }); // '@/registry/ringkit/hooks/use-call'
 * ```
 */
export function importAlias(placement: Placement): string {
  return `@/registry/${placement.path.replace(/\.tsx?$/, '')}`;
}
