import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

const ENTRY = fileURLToPath(new URL('../src/ringkit-sw.ts', import.meta.url));

async function bundle(): Promise<string> {
  const result = await build({ entryPoints: [ENTRY], bundle: true, write: false, format: 'iife', target: 'es2020', platform: 'browser' });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild produced no ringkit-sw.js');
  return code;
}

/**
 * Serves (dev) and emits (build) `/ringkit-sw.js`, the package's ready-made service worker, as the demo's worker.
 *
 * @example
 * ```ts
 * defineConfig({ plugins: [react(), ringkitServiceWorker()] });
 * ```
 */
export function ringkitServiceWorker(): Plugin {
  return {
    name: 'demo-ringkit-service-worker',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/ringkit-sw.js') return next();
        bundle().then(
          (code) => response.writeHead(200, { 'content-type': 'text/javascript' }).end(code),
          (error: unknown) => next(error),
        );
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'ringkit-sw.js', source: await bundle() });
    },
  };
}
