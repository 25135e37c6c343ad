import { readFileSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { builtinModules } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import dts from 'vite-plugin-dts';
import pkg from './package.json' with { type: 'json' };

const externalPackages = [
  ...Object.keys(pkg.dependencies),
  ...Object.keys(pkg.peerDependencies),
  ...builtinModules,
].flatMap((name) => [name, `node:${name}`]);

/** Dependencies, peers, their subpaths and Node built-ins stay imports. */
function isExternal(id: string): boolean {
  return externalPackages.some((name) => id === name || id.startsWith(`${name}/`));
}

/** Copies the stylesheet to `dist/styles.css` as it is, with a declaration for typed side-effect imports. */
function copyStyles(): Plugin {
  return {
    name: 'ringkit-copy-styles',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'styles.css', source: readFileSync('src/react/styles.css', 'utf8') });
      this.emitFile({ type: 'asset', fileName: 'styles.css.d.ts', source: '/** The ringkit theme: `import "ringkit/styles.css"`. */\nexport {};\n' });
    },
  };
}

/** Emits `dist/ringkit-sw.js`: the ready-made service worker as one classic script (no imports), for apps without a worker. */
function readyMadeServiceWorker(): Plugin {
  return {
    name: 'ringkit-ready-made-service-worker',
    async generateBundle() {
      const result = await esbuild({ entryPoints: ['src/ringkit-sw.ts'], bundle: true, write: false, format: 'iife', target: 'es2020', platform: 'browser' });
      const code = result.outputFiles[0]?.text;
      if (!code) throw new Error('esbuild produced no ringkit-sw.js');
      this.emitFile({ type: 'asset', fileName: 'ringkit-sw.js', source: code });
    },
  };
}

/** Library build: `ringkit` (React), `ringkit/core`, `ringkit/testing`, `ringkit/server` and the `ringkit-server` CLI. */
export default defineConfig({
  plugins: [
    dts({
      include: ['src'],
      exclude: ['src/**/*.test.*'],
      tsconfigPath: './tsconfig.build.json',
      // A declaration that cannot be emitted fails the build instead of shipping broken types.
      afterDiagnostic: (diagnostics) => {
        if (diagnostics.length > 0) throw new Error(`${diagnostics.length} type error(s) while emitting declarations`);
      },
    }),
    copyStyles(),
    readyMadeServiceWorker(),
  ],
  build: {
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        core: 'src/core.ts',
        testing: 'src/testing.ts',
        server: 'src/server.ts',
        'service-worker': 'src/service-worker.ts',
        cli: 'src/cli.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: isExternal,
      output: {
        banner: (chunk) =>
          chunk.name === 'index' ? "'use client';" : chunk.name === 'cli' ? '#!/usr/bin/env node' : '',
      },
    },
  },
});
