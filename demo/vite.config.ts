import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { ringkitEffectsAssets } from '../scripts/effects-assets/vite-plugin.js';
import { ringkitServiceWorker } from './ringkit-sw-plugin.js';

const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/** The port `npm start` serves the demo on. */
export const DEMO_PORT = 5173;

/**
 * The demo app. `ringkit`, `ringkit/core` and `ringkit/styles.css` resolve to the package's
 * sources, so the demo uses exactly the public API a user imports.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The background effects' model and wasm are served from the demo's own origin (never a CDN).
  plugins: [react(), ringkitServiceWorker(), ringkitEffectsAssets()],
  resolve: {
    alias: [
      { find: /^ringkit$/, replacement: source('index.ts') },
      { find: /^ringkit\/core$/, replacement: source('core.ts') },
      { find: /^ringkit\/styles\.css$/, replacement: source('react/styles.css') },
    ],
  },
  server: { host: 'localhost', port: DEMO_PORT, strictPort: true },
  preview: { host: 'localhost', port: DEMO_PORT, strictPort: true },
  build: { outDir: fileURLToPath(new URL('../.cache/demo-dist', import.meta.url)), emptyOutDir: true },
});
