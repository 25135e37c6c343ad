import type { StorybookConfig } from '@storybook/react-vite';

/**
 * Storybook for ringkit: React + Vite, autodocs, axe checks and the Vitest addon.
 * Vite reads `.storybook/vite.config.ts`, not the library build config.
 */
export const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: {
    disableTelemetry: true,
    builder: { name: '@storybook/builder-vite', options: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  typescript: { reactDocgen: 'react-docgen-typescript' },
};

// Storybook reads the configuration from the default export.
export default config;
