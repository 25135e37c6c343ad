/**
 * The names `ringkit/core` exports (values and types), read from `src/core.ts` with the TypeScript checker.
 *
 * @packageDocumentation
 */
import { join } from 'node:path';
import ts from 'typescript';
import { SRC_DIR } from './imports.js';

/**
 * Every name exported by the `ringkit/core` entry.
 *
 * @example
 * ```ts
 * if (!coreExports().has('createRingClient')) throw new Error('missing');
 * ```
 */
export function coreExports(): ReadonlySet<string> {
  const entry = join(SRC_DIR, 'core.ts');
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error('cannot read the exports of src/core.ts');
  return new Set(checker.getExportsOfModule(symbol).map((exported) => exported.name));
}
