// Two projects: `unit` (pure code, tests beside it) and `integration` (the real host with a temp
// MONTAGE_HOME, real SQLite and real worker processes built into dist/ by `npm run build`).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: ['src/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          setupFiles: ['./vitest.fast-check.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          setupFiles: ['./vitest.fast-check.ts'],
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
