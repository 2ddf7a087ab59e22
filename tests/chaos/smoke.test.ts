// The chaos run's smoke in `npm test` (the full runs: `npm run chaos`): three short seeded runs of 10
// workstations under offline flaps, restarts, skewed clocks and server kill -9s; each must lose no
// acknowledged write, converge, apply nothing twice and keep the audit chain whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, failures } from './report';
import { chaosRun, type ChaosResult } from './run';
import { StationPool } from './stations';

const SEEDS = [1, 2, 3];

describe('chaos smoke', () => {
  let pool: StationPool | undefined;
  const results: ChaosResult[] = [];

  beforeAll(async () => {
    pool = await StationPool.start(10);
  }, 180_000);
  afterAll(async () => {
    await pool?.close();
  });

  it.each(SEEDS)(
    'seed %i: nothing acknowledged is lost and every replica converges',
    async (seed) => {
      if (!pool) throw new Error('the workstations did not start');
      if (pool.broken) {
        await pool.close();
        pool = await StationPool.start(10);
      }
      const result = await chaosRun({ seed, durationMs: 12_000 }, pool);
      results.push(result);
      console.log(describeRun(result));
      expect(failures(result), describeRun(result)).toEqual([]);
      expect(result.acknowledged).toBeGreaterThan(0);
    },
    300_000,
  );

  it('the runs had faults to survive', () => {
    const total = (pick: (r: ChaosResult) => number) => results.reduce((sum, r) => sum + pick(r), 0);
    expect(results).toHaveLength(SEEDS.length);
    expect(total((r) => r.faults.serverKills)).toBeGreaterThan(0);
    expect(total((r) => r.faults.offline)).toBeGreaterThan(0);
    expect(total((r) => r.faults.restarts)).toBeGreaterThan(0);
  });
});
