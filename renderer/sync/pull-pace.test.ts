// The pull's pace (pull-pace.ts): a pull waits while more documents than it may go ahead of are
// delivered and not written, goes on as RxDB stores the checkpoints of the pages written, never
// waits for good, and counts afresh once the replication caught up.
import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PullPace, type MetaWriteBulk } from './pull-pace';

const meta = new Subject<MetaWriteBulk>();
let pace: PullPace;
beforeEach(() => (pages = 0));
afterEach(() => pace.close());

/** RxDB stores the down checkpoint `cp` (downstream.js, after the pages up to it were written). */
const store = (cp: string, itemId = 'down') =>
  meta.next({ events: [{ documentData: { isCheckpoint: '1', itemId, checkpointData: { cp } } }] });

/** Whether the pull has gone on after a turn of the event loop. */
async function wentOn(pull: Promise<void>): Promise<boolean> {
  let done = false;
  void pull.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 5));
  return done;
}

/** Delivers the next `n` pages of `size` documents each (checkpoints "p1", "p2", … in each test). */
let pages = 0;
function deliverPages(n: number, size: number): void {
  for (let i = 0; i < n; i++) pace.deliver(size, { cp: `p${++pages}` }, false);
}

describe('the pull pace', () => {
  it('holds a pull while more than it may go ahead of is unwritten, and lets it go as the checkpoints are stored', async () => {
    pace = new PullPace(2500);
    pace.watch({}, () => meta);
    deliverPages(2, 1000);
    expect(await wentOn(pace.beforePull())).toBe(true);
    deliverPages(3, 1000); // 3,000 delivered, none written
    const pull = pace.beforePull();
    expect(await wentOn(pull)).toBe(false);
    // Another replication's checkpoint and the up checkpoint say nothing of these pages.
    store('p3', 'up');
    store('elsewhere');
    expect(await wentOn(pull)).toBe(false);
    store('p2'); // 3,000 unwritten
    expect(await wentOn(pull)).toBe(false);
    store('p3'); // 2,000 unwritten
    expect(await wentOn(pull)).toBe(true);
  });

  it('a stored checkpoint counts every page up to it written, those RxDB merged into one bulk included', async () => {
    pace = new PullPace(500);
    pace.watch({}, () => meta);
    deliverPages(5, 1000);
    const pull = pace.beforePull();
    store('p4');
    expect(await wentOn(pull)).toBe(false); // page 5 is still 1,000 unwritten
    store('p5');
    expect(await wentOn(pull)).toBe(true);
  });

  it('does not count documents delivered without a checkpoint (their writing could not be told)', async () => {
    pace = new PullPace(500);
    pace.watch({}, () => meta);
    pace.deliver(1000, undefined, false);
    expect(await wentOn(pace.beforePull())).toBe(true);
  });

  it('never waits for good: with no checkpoint stored for a while, the pull goes on', async () => {
    pace = new PullPace(100, 30);
    pace.watch({}, () => meta);
    deliverPages(2, 1000);
    const pull = pace.beforePull();
    expect(await wentOn(pull)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await wentOn(pull)).toBe(true);
  });

  it('counts afresh once caught up, and follows only the replication it watches now', async () => {
    pace = new PullPace(1500);
    const old = new Subject<MetaWriteBulk>();
    pace.watch(old, () => old);
    deliverPages(2, 1000);
    pace.deliver(10, { cp: 'last' }, true); // the server had no more
    deliverPages(1, 1000); // p3
    expect(await wentOn(pace.beforePull())).toBe(true);
    // A restart brings another meta storage: the old one's checkpoints no longer count.
    pace.watch(meta, () => meta);
    pace.deliver(1000, { cp: 'q1' }, false); // 2,000 unwritten
    const pull = pace.beforePull();
    old.next({ events: [{ documentData: { isCheckpoint: '1', itemId: 'down', checkpointData: { cp: 'q1' } } }] });
    expect(await wentOn(pull)).toBe(false);
    store('q1');
    expect(await wentOn(pull)).toBe(true);
  });
});
