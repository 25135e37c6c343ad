import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The layers of DESIGN.md: protocol <- core <- react; protocol <- server; testing may use core and server. */
const layer = (files, forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((name) => ({
          group: [`**/${name}/*`, `**/${name}.js`],
          message: `${files[0]} may not import ${name} code (layers in DESIGN.md).`,
        })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'storybook-static', 'node_modules', 'bench/out', 'test-results', '.cache', 'registry'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  layer(['src/protocol/**'], ['core', 'react', 'server', 'testing']),
  layer(['src/core/**', 'src/core.ts'], ['react', 'server', 'testing']),
  layer(['src/react/**', 'src/index.ts'], ['server', 'testing']),
  layer(['src/server/**', 'src/server.ts', 'src/cli.ts'], ['core', 'react', 'testing']),
  layer(['src/service-worker/**', 'src/service-worker.ts', 'src/ringkit-sw.ts'], ['core', 'react', 'server', 'testing']),
);
