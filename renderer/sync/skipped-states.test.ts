import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SkippedStateGuard } from './skipped-states';

const task = (id: string, rev: number) => ({ id, rev, title: `${id} at ${rev}` });

function guardOver(replica: Map<string, number>) {
  const pulls: string[] = [];
  const guard = new SkippedStateGuard<string>({
    replicaRevs: async (ids) => new Map(ids.map((id) => [id, replica.get(id)])),
    pullAgainFrom: (from) => pulls.push(from),
  });
  return { guard, pulls };
}

describe('server states taken in while a push is under way', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('are pulled again from where they came once the push is answered, while the replica lags behind them', async () => {
    const replica = new Map([['t1', 1267]]);
    const { guard, pulls } = guardOver(replica);
    guard.pushSent();
    guard.delivered([task('t1', 1294)], 'cp-1290');
    await vi.advanceTimersByTimeAsync(5_000);
    // Not while the push is on its way: its answer could still be written over what a pull brings.
    expect(pulls).toEqual([]);

    guard.pushSettled();
    await vi.advanceTimersByTimeAsync(200);
    expect(pulls).toEqual(['cp-1290']);
    // Again, later, until the replica holds that state (a pending local write skips it again).
    await vi.advanceTimersByTimeAsync(400);
    expect(pulls).toHaveLength(2);
    replica.set('t1', 1300);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pulls).toHaveLength(2);
    expect(guard.pending).toBe(0);
  });

  it('pull from the earliest checkpoint a lagging state came from, and forget what the replica holds', async () => {
    const replica = new Map([
      ['t1', 10],
      ['t2', 40],
      ['t3', 5],
    ]);
    const { guard, pulls } = guardOver(replica);
    guard.pushSent();
    guard.delivered([task('t2', 40), { id: 't4' }, 'not a document'], 'cp-30');
    guard.delivered([task('t1', 11)], 'cp-9');
    guard.delivered([task('t1', 12), task('t3', 6)], 'cp-11');
    guard.pushSettled();
    await vi.advanceTimersByTimeAsync(200);
    // t2 is held already; t1 came first from cp-9 (its newer state is in a pull from there too).
    expect(pulls).toEqual(['cp-9']);
    expect(guard.pending).toBe(2);
    replica.set('t1', 12);
    await vi.advanceTimersByTimeAsync(400);
    expect(pulls).toEqual(['cp-9', 'cp-11']);
  });

  it('are not noted when no push is under way or recently answered', async () => {
    const { guard, pulls } = guardOver(new Map([['t1', 1]]));
    guard.delivered([task('t1', 2)], 'cp-1');
    expect(guard.pending).toBe(0);
    guard.pushSent();
    guard.pushSettled();
    await vi.advanceTimersByTimeAsync(11_000);
    guard.delivered([task('t1', 3)], 'cp-2');
    expect(guard.pending).toBe(0);
    expect(pulls).toEqual([]);
  });

  it('stop when the replication stops', async () => {
    const { guard, pulls } = guardOver(new Map([['t1', 1]]));
    guard.pushSent();
    guard.delivered([task('t1', 2)], 'cp-1');
    guard.pushSettled();
    guard.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pulls).toEqual([]);
  });

  it("forget the old run's checkpoints when the replication starts over, and keep guarding the new one", async () => {
    const { guard, pulls } = guardOver(new Map([['t1', 1]]));
    guard.pushSent();
    guard.delivered([task('t1', 2)], 'old-run-cp');
    guard.forget();
    guard.pushSettled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pulls).toEqual([]);

    guard.pushSent();
    guard.delivered([task('t1', 3)], 'new-run-cp');
    guard.pushSettled();
    await vi.advanceTimersByTimeAsync(200);
    expect(pulls).toEqual(['new-run-cp']);
  });
});
