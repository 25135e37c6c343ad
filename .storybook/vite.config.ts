import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Vite settings for Storybook only (the library build config is `../vite.config.ts`). */
export const storybookViteConfig = defineConfig({ plugins: [react()] });

// Vite reads the configuration from the default export.
export default storybookViteConfig;
