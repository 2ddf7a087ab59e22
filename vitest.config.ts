import { defineConfig } from 'vitest/config';

// One runner for everything: unit and server tests next to their code, replication tests with
// real server processes, and browser end-to-end tests in Debian's Chromium.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'sync-server/**/*.test.ts',
            'renderer/**/*.test.ts',
            'electron/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'replication',
          include: ['tests/replication/**/*.test.ts', 'tests/chaos/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
