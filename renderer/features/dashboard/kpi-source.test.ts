// The replica's writes handed to the dashboard's worker as they land (kpi-source.ts, kpi-job.ts),
// on a Dexie replica in fake-indexeddb: after the first job, which reads the store, a job carries
// the writes since the one before (a part at a time where asked) and opens no database; the
// figures stay those of a full read; an older version never replaces a newer one; a job that
// failed, a job skipped or a reset has the next job read the store again, so nothing written
// meanwhile is missed.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import type { Task } from '../../../shared/task';
import type { BatonDatabase } from '../../db/database';
import { kpiTestReplica } from './test-replica';
import { KpiRun, revisionHeight, type KpiJob } from './kpi-job';
import { kpiJobOf, ReplicaChanges } from './kpi-source';

const DAY = 24 * 3600_000;
const now = Date.now();
const window = { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now + DAY).toISOString(), at: new Date(now).toISOString() };
const locations = ['loc-main'];
let db: BatonDatabase;
let tasks: Task[];
let changes: ReplicaChanges;

/** fake-indexeddb, counting the databases opened through it (a store read opens the replica's). */
function countingIdb() {
  const counter = { opened: [] as string[] };
  const factory = new Proxy(indexedDB, {
    get(target, prop) {
      if (prop === 'open')
        return (name: string, version?: number) => {
          counter.opened.push(name);
          return target.open(name, version);
        };
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { idb: { indexedDB: factory, IDBKeyRange }, counter };
}

beforeEach(async () => {
  ({ db, tasks } = await kpiTestReplica(now));
  changes = new ReplicaChanges(db);
});
afterEach(async () => {
  changes.close();
  await db.close();
});

const fullReport = async () => new KpiRun({ indexedDB, IDBKeyRange }).compute(await kpiJobOf(db, window, locations));

describe("the replica's writes handed to the dashboard's worker", () => {
  it('after a first read of the store, a job carries the writes since the one before and reads no database: the figures stay those of a full read', async () => {
    const { idb, counter } = countingIdb();
    const run = new KpiRun(idb);
    const first = await changes.jobFor(window, locations);
    expect(first.handed).toBeUndefined();
    expect((await run.apply(first)).upserted).toHaveLength(tasks.length);
    expect(counter.opened).toHaveLength(1);

    const open = tasks.find((t) => t.status === 'in_progress')!;
    const gone = tasks.find((t) => t.status === 'closed')!;
    const added = { ...open, id: newId(), history: open.history.slice(0, 1) };
    await db.tasks.upsert({ ...open, ownerId: 'u-billing' });
    await db.tasks.upsert({ ...open, ownerId: 'u-frontdesk' });
    await (await db.tasks.findOne(gone.id).exec())!.remove();
    await db.tasks.insert(added);

    const next = await changes.jobFor(window, locations);
    expect(next.handed?.map((w) => [w.id, w.task?.ownerId ?? null])).toEqual([
      [open.id, 'u-billing'],
      [open.id, 'u-frontdesk'],
      [gone.id, null],
      [added.id, added.ownerId],
    ]);
    const applied = await run.apply(next);
    expect(counter.opened).toHaveLength(1);
    expect(applied.upserted).toEqual([open.id, open.id, added.id]);
    expect(applied.removed).toEqual([gone.id]);
    expect(await run.compute(await changes.jobFor(window, locations))).toEqual(await fullReport());
    expect(counter.opened).toHaveLength(1);
  });

  it('a write that the store read already took is not taken again: an older version never replaces a newer one', async () => {
    const run = new KpiRun({ indexedDB, IDBKeyRange });
    const open = tasks.find((t) => t.status === 'in_progress')!;
    // The owner changes twice; the store read runs after both, and the first change is handed over as well.
    await run.apply(await changes.jobFor(window, locations));
    await db.tasks.upsert({ ...open, ownerId: 'u-billing' });
    const older = (await db.tasks.findOne(open.id).exec())!.toJSON(true);
    await db.tasks.upsert({ ...open, ownerId: 'u-frontdesk' });
    changes.reset();
    await run.apply(await changes.jobFor(window, locations));
    const late: KpiJob = {
      ...(await changes.jobFor(window, locations)),
      handed: [{ id: open.id, lwt: older._meta.lwt, rev: revisionHeight(older._rev), task: older as unknown as Task }],
    };
    expect((await run.apply(late)).upserted).toEqual([]);
    expect(await run.compute(await changes.jobFor(window, locations))).toEqual(await fullReport());
  });

  it('after a job that failed, or a reset, the next job reads the store: writes not handed over are not missed', async () => {
    const run = new KpiRun({ indexedDB, IDBKeyRange });
    await run.apply(await changes.jobFor(window, locations));
    const open = tasks.find((t) => t.status === 'in_progress')!;
    const broken: KpiJob = {
      ...(await changes.jobFor(window, locations)),
      handed: [{ id: open.id, lwt: Date.now() + 1, rev: 99, task: { id: open.id, status: 'done' } as Task }],
    };
    await expect(run.apply(broken)).rejects.toThrow();
    // Written meanwhile and handed to no job: the next job's hand-over is empty.
    const added = { ...open, id: newId(), history: open.history.slice(0, 1) };
    await db.tasks.insert(added);
    const after: KpiJob = { ...(await changes.jobFor(window, locations)), handed: [] };
    expect((await run.apply(after)).upserted).toContain(added.id);
    expect(await run.compute(await changes.jobFor(window, locations))).toEqual(await fullReport());

    // The board's side: after a reset its next job carries nothing and reads the store.
    await db.tasks.upsert({ ...open, ownerId: 'u-billing' });
    changes.reset();
    const reread = await changes.jobFor(window, locations);
    expect(reread.handed).toBeUndefined();
    expect((await run.apply(reread)).upserted).toContain(open.id);
  });

  it('hands the writes over a part at a time where asked, in the order they landed, and the same job again brings nothing', async () => {
    const run = new KpiRun({ indexedDB, IDBKeyRange });
    await run.apply(await changes.jobFor(window, locations));
    // One bulk, as a replication writes: one write time for all, ids not in the store's order.
    const open = tasks
      .filter((t) => t.status === 'in_progress')
      .slice(0, 3)
      .sort((a, b) => b.id.localeCompare(a.id));
    await db.tasks.bulkUpsert(open.map((t) => ({ ...t, ownerId: 'u-billing' })));
    const first = await changes.jobFor(window, locations, 2);
    expect(first.handed?.map((w) => w.id)).toEqual([open[0].id, open[1].id]);
    expect(changes.pending).toBe(true);
    expect((await run.apply(first)).upserted).toEqual([open[0].id, open[1].id]);
    expect((await run.apply(first)).upserted).toEqual([]);
    const rest = await changes.jobFor(window, locations, 2);
    expect(rest.handed?.map((w) => w.id)).toEqual([open[2].id]);
    expect(changes.pending).toBe(false);
    expect((await run.apply(rest)).upserted).toEqual([open[2].id]);
    expect(await run.compute(await changes.jobFor(window, locations))).toEqual(await fullReport());
  });

  it('a job that does not follow on from the one the worker took last reads the store: a job lost on the way costs no write', async () => {
    const run = new KpiRun({ indexedDB, IDBKeyRange });
    await run.apply(await changes.jobFor(window, locations));
    const [a, b] = tasks.filter((t) => t.status === 'in_progress');
    await db.tasks.upsert({ ...a, ownerId: 'u-billing' });
    const lost = await changes.jobFor(window, locations);
    expect(lost.handed?.map((w) => w.id)).toEqual([a.id]);
    await db.tasks.upsert({ ...b, ownerId: 'u-billing' });
    const next = await changes.jobFor(window, locations);
    expect(next.handed?.map((w) => w.id)).toEqual([b.id]);
    // `lost` never reaches the worker: `next` reads the store from the checkpoint, a's write included.
    expect((await run.apply(next)).upserted.sort()).toEqual([a.id, b.id].sort());
    expect(await run.compute(await changes.jobFor(window, locations))).toEqual(await fullReport());
  });
});
