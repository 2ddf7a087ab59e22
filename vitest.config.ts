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
          include: ['shared/**/*.test.ts', 'sync-server/**/*.test.ts', 'renderer/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'replication', include: ['tests/replication/**/*.test.ts', 'tests/chaos/**/*.test.ts', 'tests/fuzz/**/*.test.ts'], fileParallelism: false },
      },
      {
        extends: true,
        // One retry: the workflow test's owner desk, right after triage, intermittently (about 1 run
        // in 8 here) does not react to a click within the wait; not yet explained. A retried test
        // shows as such in the log; a failure that repeats still fails the run.
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false, retry: 1 },
      },
    ],
  },
});
