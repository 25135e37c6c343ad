/**
 * A fresh Vite + React + TypeScript app in a temporary folder, for `shadcn add` from the registry:
 * ringkit comes from an `npm pack` tarball of this package, every other package is a link to
 * this repository's installed one (nothing is downloaded).
 *
 * @packageDocumentation
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'node_modules', '.bin');

/** What a command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * Run a command (a tool from this repository's `node_modules/.bin`, or any executable) and fail
 * with its output when it exits non-zero or outlives `timeoutMs`.
 *
 * @example
 * ```ts
 * await run('tsc', ['--noEmit', '-p', '.'], { cwd: appDir });
 * ```
 */
export async function run(
  command: string,
  args: readonly string[],
  { cwd, timeoutMs = 120_000, env = {} }: { cwd: string; timeoutMs?: number; env?: Record<string, string> },
): Promise<CommandOutput> {
  const file = ['tsc', 'vite', 'shadcn'].includes(command) ? join(BIN, command) : command;
  try {
    return await promisify(execFile)(file, [...args], {
      cwd,
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', CI: 'true', ...env },
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as Partial<CommandOutput>;
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

async function newestModification(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const times = await Promise.all(
    entries.filter((entry) => entry.isFile()).map(async (entry) => (await stat(join(entry.parentPath, entry.name))).mtimeMs),
  );
  return Math.max(0, ...times);
}

async function modified(path: string): Promise<number> {
  return stat(path).then(
    (info) => info.mtimeMs,
    () => 0,
  );
}

/**
 * `npm pack` of ringkit into `workDir`: of `dist/` when it is newer than every file of `src/`
 * (as after `npm run build`), otherwise of a fresh build in `workDir`.
 *
 * @example
 * ```ts
 * const tarball = await packRingkit(tmp);
 * ```
 */
export async function packRingkit(workDir: string): Promise<string> {
  const built = Math.min(await modified(join(ROOT, 'dist', 'core.js')), await modified(join(ROOT, 'dist', 'testing.js')));
  let packageDir = ROOT;
  if (built < (await newestModification(join(ROOT, 'src')))) {
    packageDir = join(workDir, 'package');
    await run('vite', ['build', '--outDir', join(packageDir, 'dist'), '--emptyOutDir', '--logLevel', 'error'], {
      cwd: ROOT,
      timeoutMs: 240_000,
    });
    await copyFile(join(ROOT, 'package.json'), join(packageDir, 'package.json'));
  }
  const { stdout } = await run('npm', ['pack', packageDir, '--pack-destination', workDir, '--json'], { cwd: workDir });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  return join(workDir, filename);
}

const COMPONENTS_JSON = {
  $schema: 'https://ui.shadcn.com/schema.json',
  style: 'new-york',
  rsc: false,
  tsx: true,
  // No Tailwind: an empty base color keeps the CLI from fetching a color theme.
  tailwind: { config: '', css: 'src/index.css', baseColor: '', cssVariables: true, prefix: '' },
  aliases: { components: '@/components', utils: '@/lib/utils', ui: '@/components/ui', lib: '@/lib', hooks: '@/hooks' },
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'ESNext',
    moduleResolution: 'bundler',
    jsx: 'react-jsx',
    strict: true,
    noUncheckedIndexedAccess: true,
    isolatedModules: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['vite/client'],
    paths: { '@/*': ['./src/*'] },
  },
  include: ['src'],
};

const VITE_CONFIG = `import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
});
`;

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Fresh app</title></head>
  <body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body>
</html>
`;

async function linkInstalledPackages(appDir: string): Promise<void> {
  const installed = await realpath(join(ROOT, 'node_modules'));
  const modules = join(appDir, 'node_modules');
  await mkdir(modules, { recursive: true });
  // Dot entries (.bin, .vite, caches) stay the app's own, so no tool writes into the shared folder.
  const names = (await readdir(installed)).filter((name) => !name.startsWith('.') && name !== 'ringkit');
  await Promise.all(names.map((name) => symlink(join(installed, name), join(modules, name))));
}

/**
 * Write a fresh Vite + React + TypeScript app (package.json, strict tsconfig, components.json,
 * vite.config.ts, index.html) into `appDir`, with ringkit installed from `tarball`.
 *
 * @example
 * ```ts
 * await createFreshApp(join(tmp, 'app'), await packRingkit(tmp));
 * ```
 */
export async function createFreshApp(appDir: string, tarball: string): Promise<void> {
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const version = (name: string) => manifest.devDependencies[name]!;
  const packageJson = {
    name: 'fresh-app',
    private: true,
    type: 'module',
    dependencies: { react: version('react'), 'react-dom': version('react-dom'), ringkit: `file:${tarball}` },
    devDependencies: Object.fromEntries(
      ['typescript', 'vite', '@vitejs/plugin-react', '@types/react', '@types/react-dom'].map((name) => [name, version(name)]),
    ),
  };
  await mkdir(join(appDir, 'src'), { recursive: true });
  await Promise.all([
    writeFile(join(appDir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`),
    writeFile(join(appDir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`),
    writeFile(join(appDir, 'components.json'), `${JSON.stringify(COMPONENTS_JSON, null, 2)}\n`),
    writeFile(join(appDir, 'vite.config.ts'), VITE_CONFIG),
    writeFile(join(appDir, 'index.html'), INDEX_HTML),
    writeFile(join(appDir, 'src', 'index.css'), ''),
    linkInstalledPackages(appDir),
  ]);
  const target = join(appDir, 'node_modules', 'ringkit');
  await mkdir(target);
  await run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { cwd: appDir });
}
