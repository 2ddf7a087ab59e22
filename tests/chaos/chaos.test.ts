// A 3-run smoke of `npm run chaos`: short seeded runs with every fault, judged by the same checker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosRun } from './run';
import { StationPool } from './stations';

let pool: StationPool;
beforeAll(async () => {
  pool = await StationPool.start(10);
});
afterAll(async () => {
  await pool?.close();
});

describe('chaos smoke', () => {
  it.each([101, 102, 103])(
    'seed %i: every acknowledged write present, replicas converged, nothing applied twice, audit chain intact',
    async (seed) => {
      const result = await chaosRun({ seed, durationMs: 6000, quiesceTimeoutMs: 180_000 }, pool);
      expect(result.acknowledged).toBeGreaterThan(0);
      expect(result.faults.serverKills).toBeGreaterThan(0);
      expect(result.lost).toEqual([]);
      expect(result.divergence).toEqual([]);
      expect(result.appliedTwice).toEqual([]);
      expect(result.disorder).toEqual([]);
      expect(result.auditOk).toBe(true);
    },
    // Bounded: a run waits for conditions, never for a duration, but a loaded machine is slow.
    15 * 60_000,
  );
});
