/**
 * A Vite plugin that serves the background effects' files from the app's own origin: MediaPipe's
 * vision wasm (from `@mediapipe/tasks-vision`, which `@livekit/track-processors` depends on) and the
 * selfie segmentation model of `@mediapipe/selfie_segmentation` with the metadata MediaPipe Tasks needs.
 * `vite dev` serves them from memory; `vite build` writes them into the output. The paths match
 * ringkit's default `EffectsAssets` (`/ringkit/effects/wasm`, `/ringkit/effects/selfie_segmenter.tflite`).
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { withSegmenterMetadata } from './segmenter-model.js';

/** The files of MediaPipe's vision wasm folder (with and without SIMD). */
const WASM_FILES = ['vision_wasm_internal.js', 'vision_wasm_internal.wasm', 'vision_wasm_nosimd_internal.js', 'vision_wasm_nosimd_internal.wasm'];

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.tflite': 'application/octet-stream' };

/**
 * The effects' files by URL path under `base` (read from the installed packages).
 *
 * @example
 * ```ts
 * const files = effectsAssetFiles('/ringkit/effects');
 * files.get('/ringkit/effects/selfie_segmenter.tflite'); // the model's bytes
 * ```
 */
export function effectsAssetFiles(base = '/ringkit/effects'): Map<string, () => Uint8Array> {
  const require = createRequire(import.meta.url);
  // The wasm that matches the processor: resolve tasks-vision from @livekit/track-processors' own folder.
  const processors = dirname(require.resolve('@livekit/track-processors/package.json'));
  // (tasks-vision exports no package.json: its main file sits at the package's root)
  const vision = dirname(createRequire(join(processors, 'package.json')).resolve('@mediapipe/tasks-vision'));
  const model = require.resolve('@mediapipe/selfie_segmentation/selfie_segmentation.tflite');
  const files = new Map<string, () => Uint8Array>();
  for (const name of WASM_FILES) files.set(`${base}/wasm/${name}`, () => readFileSync(join(vision, 'wasm', name)));
  files.set(`${base}/selfie_segmenter.tflite`, () => withSegmenterMetadata(readFileSync(model)));
  return files;
}

/**
 * Serve (dev) and emit (build) the background effects' files under `base`.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * export default defineConfig({ plugins: [react(), ringkitEffectsAssets()] });
 * ```
 */
export function ringkitEffectsAssets(base = '/ringkit/effects'): Plugin {
  // Resolved on first use, so a config that adds the plugin loads even before the packages are installed.
  let resolved: Map<string, () => Uint8Array> | undefined;
  const files = () => (resolved ??= effectsAssetFiles(base));
  return {
    name: 'ringkit-effects-assets',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = new URL(request.url ?? '/', 'http://localhost').pathname;
        if (!path.startsWith(`${base}/`)) return next();
        const file = files().get(path);
        if (!file) return next();
        const type = CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
        response.writeHead(200, { 'content-type': type }).end(file());
      });
    },
    generateBundle() {
      for (const [path, file] of files()) this.emitFile({ type: 'asset', fileName: path.replace(/^\//, ''), source: file() });
    },
  };
}
