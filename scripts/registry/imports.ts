/**
 * The import declarations of a source file, with where each one points.
 *
 * @packageDocumentation
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Where an import points: a file of `src/react`, the `ringkit/core` layers, an npm package, or a layer copies may not use. */
export type ImportTarget =
  | { kind: 'react'; rel: string }
  | { kind: 'core'; file: string }
  | { kind: 'package'; name: string }
  | { kind: 'forbidden'; file: string };

/** One module specifier in a file: its text span (without quotes) and the names it imports. */
export interface SourceImport {
  specifier: string;
  start: number;
  end: number;
  /** Imported names (`*` for a namespace import or `export *`). */
  names: string[];
  target: ImportTarget;
}

/** The repository's `src` folder. */
export const SRC_DIR = resolve(import.meta.dirname, '../../src');
/** The copy-paste source: `src/react`. */
export const REACT_DIR = join(SRC_DIR, 'react');
/** Layers `ringkit/core` exports (the core and the wire protocol). */
const CORE_LAYERS = ['core', 'protocol'].map((layer) => join(SRC_DIR, layer) + sep);

function resolveRelative(fromFile: string, specifier: string): string {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx')];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!found) throw new Error(`${relative(SRC_DIR, fromFile)}: cannot resolve import '${specifier}'`);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function targetOf(fromFile: string, specifier: string): ImportTarget {
  if (!specifier.startsWith('.')) return { kind: 'package', name: packageName(specifier) };
  const file = resolveRelative(fromFile, specifier);
  if (file.startsWith(REACT_DIR + sep)) return { kind: 'react', rel: relative(REACT_DIR, file).split(sep).join('/') };
  if (CORE_LAYERS.some((layer) => file.startsWith(layer))) return { kind: 'core', file };
  return { kind: 'forbidden', file };
}

function importedNames(node: ts.Node): string[] {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return [];
    const names = clause.name ? ['default'] : [];
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) return [...names, '*'];
    return [...names, ...(bindings?.elements.map((element) => (element.propertyName ?? element.name).text) ?? [])];
  }
  if (ts.isExportDeclaration(node)) {
    const clause = node.exportClause;
    if (!clause || ts.isNamespaceExport(clause)) return ['*'];
    return clause.elements.map((element) => (element.propertyName ?? element.name).text);
  }
  return ['*'];
}

function specifierOf(node: ts.Node): ts.StringLiteral | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
    return ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier : undefined;
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const [argument] = node.arguments;
    return argument && ts.isStringLiteral(argument) ? argument : undefined;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
    return node.argument.literal;
  }
  return undefined;
}

/**
 * Every static import, re-export, dynamic `import()` and `import('…')` type of `file`, in source order.
 *
 * @example
 * ```ts
 * for (const { specifier, target } of readImports(join(REACT_DIR, 'use-call.ts'))) console.log(specifier, target.kind);
 * ```
 */
export function readImports(file: string, text = readFileSync(file, 'utf8')): SourceImport[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: SourceImport[] = [];
  const visit = (node: ts.Node): void => {
    const literal = specifierOf(node);
    if (literal) {
      found.push({
        specifier: literal.text,
        start: literal.getStart(source) + 1,
        end: literal.getEnd() - 1,
        names: importedNames(node),
        target: targetOf(file, literal.text),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.sort((a, b) => a.start - b.start);
}
