// The Electron smoke suite's own vitest config: not a project of the root config, so `npm test`
// never runs it; `npm run test:electron` does (run.ts checks for the Electron binary first).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/electron/**/*.smoke.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
