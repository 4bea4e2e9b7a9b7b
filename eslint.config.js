// Lint rules, including the import boundaries between runtimes: the renderer imports only shared
// code and its own files; shared code imports nothing from Node, the DOM, Electron or other layers;
// workers never reach into the host or the renderer.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'worker_threads', 'url', 'util', 'stream'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

// The training engine (src/workers/engine) is the bottom layer of the workers: it imports only
// itself, src/shared, @tensorflow/* and Node built-ins (plus vitest in tests), never the tasks or
// models built on it. Relative paths are matched per folder depth (a file N folders below the
// engine leaves it with N+1 "../"). Its test support (testing/, *.test.ts) may also pick a
// backend through src/workers/backend.
const engineMessage =
  'The training engine imports only itself, src/shared, @tensorflow/* and Node built-ins; tasks and models build on it, never the reverse (docs/architecture.md, Import boundaries).';
const engineBoundary = (depth, testSupport) => {
  const up = '\\.\\./'.repeat(depth + 1);
  const allowed = testSupport ? '\\.\\./shared/|backend/' : '\\.\\./shared/';
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: `^${up}(?!${allowed})`, message: engineMessage },
          { regex: '^(?!\\.|@tensorflow/|node:|vitest$)', message: engineMessage },
        ],
      },
    ],
  };
};
const engineBoundaries = [0, 1, 2, 3].flatMap((depth) => {
  const dir = `src/workers/engine/${'*/'.repeat(depth)}`;
  const testing = depth === 0 ? [] : [`src/workers/engine/testing/${'*/'.repeat(depth - 1)}*.ts`];
  return [
    { files: [`${dir}*.ts`], rules: engineBoundary(depth, false) },
    { files: [`${dir}*.test.ts`, ...testing], rules: engineBoundary(depth, true) },
  ];
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', 'ws', '@tensorflow/*', '**/main/**', '**/renderer/**', '**/workers/**', '**/cli/**'],
      'src/shared is pure: no Node, DOM, Electron or other layers.',
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeBuiltins, 'electron', 'better-sqlite3', 'ws', '@tensorflow/*', '**/main/**', '**/workers/**', '**/cli/**'],
        'The renderer talks to the host only through StudioClient; it imports only src/shared and src/renderer.',
      ),
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: restrict(['better-sqlite3', 'electron', 'ws', '**/main/**', '**/renderer/**', '**/cli/**'], 'Workers compute; the host owns state and SQLite.'),
  },
  ...engineBoundaries,
  {
    files: ['src/main/**/*.ts'],
    rules: restrict(['**/renderer/**', '**/cli/**', '@tensorflow/*'], 'The host never runs tfjs itself (workers do) and never imports the renderer.'),
  },
);
