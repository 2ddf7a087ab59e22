import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SkippedStateGuard } from './skipped-states';

const task = (id: string, rev: number) => ({ id, rev, title: `${id} at ${rev}` });

function guardOver(replica: Map<string, number>) {
  const redelivered: unknown[][] = [];
  const guard = new SkippedStateGuard({
    replicaRevs: async (ids) => new Map(ids.map((id) => [id, replica.get(id)])),
    redeliver: (docs) => redelivered.push(docs),
  });
  return { guard, redelivered };
}

describe('server states taken in while a push is under way', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('are delivered again once the push is answered, while the replica lags behind them', async () => {
    const replica = new Map([['t1', 1267]]);
    const { guard, redelivered } = guardOver(replica);
    guard.pushSent();
    guard.delivered([task('t1', 1294)]);
    await vi.advanceTimersByTimeAsync(5_000);
    // Not while the push is on its way: its answer could still be written over them.
    expect(redelivered).toEqual([]);

    guard.pushSettled();
    await vi.advanceTimersByTimeAsync(200);
    expect(redelivered).toEqual([[task('t1', 1294)]]);
    // Kept, and delivered again, until the replica holds that state.
    await vi.advanceTimersByTimeAsync(400);
    expect(redelivered).toHaveLength(2);
    replica.set('t1', 1294);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(redelivered).toHaveLength(2);
    expect(guard.pending).toBe(0);
  });

  it('keep only the newest state of a document, and nothing the replica already holds', async () => {
    const replica = new Map([
      ['t1', 10],
      ['t2', 40],
    ]);
    const { guard, redelivered } = guardOver(replica);
    guard.pushSent();
    guard.delivered([task('t1', 12), task('t1', 11), task('t2', 40), { id: 't3' }, 'not a document']);
    guard.pushSettled();
    await vi.advanceTimersByTimeAsync(200);
    expect(redelivered).toEqual([[task('t1', 12)]]);
  });

  it('are not kept when no push is under way or recently answered', async () => {
    const { guard, redelivered } = guardOver(new Map([['t1', 1]]));
    guard.delivered([task('t1', 2)]);
    expect(guard.pending).toBe(0);
    guard.pushSent();
    guard.pushSettled();
    await vi.advanceTimersByTimeAsync(11_000);
    guard.delivered([task('t1', 3)]);
    expect(guard.pending).toBe(0);
    expect(redelivered).toEqual([]);
  });

  it('stop delivering when the replication stops', async () => {
    const { guard, redelivered } = guardOver(new Map([['t1', 1]]));
    guard.pushSent();
    guard.delivered([task('t1', 2)]);
    guard.pushSettled();
    guard.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(redelivered).toEqual([]);
  });
});
