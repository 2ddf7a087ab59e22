// The retry schedule of a failed delivery: the waits double from the first retry up to their cap,
// jitter keeps at least half of each, and nothing is tried after the give-up window.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextAttemptAt } from './backoff';

const MIN = 60_000;
const policy = DEFAULT_RETRY_POLICY;

describe('webhook retry backoff', () => {
  it('doubles the wait after each failure up to an hour, with jitter between half and all of it', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => nextAttemptAt(policy, 0, 0, n, () => 1)!);
    expect(waits).toEqual([0.5, 1, 2, 4, 8, 16, 32, 60, 60, 60].map((m) => m * MIN));
    expect(nextAttemptAt(policy, 0, 0, 3, () => 0)).toBe(1 * MIN);
    expect(nextAttemptAt(policy, 0, 0, 3, () => 0.5)).toBe(1.5 * MIN);
  });

  it('tries one last time at the 24-hour deadline and gives up after it', () => {
    const day = 24 * 60 * MIN;
    expect(nextAttemptAt(policy, 0, day - 10 * MIN, 20, () => 1)).toBe(day);
    expect(nextAttemptAt(policy, 0, day, 21, () => 1)).toBeUndefined();
    expect(nextAttemptAt({ ...policy, giveUpAfterMs: 1_000, firstRetryMs: 100 }, 0, 999, 1, () => 1)).toBe(1_000);
  });
});
