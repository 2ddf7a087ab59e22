// The dashboard's digests kept across a reload (digest-store.ts, kpi-job.ts, kpi-source.ts) on a
// Dexie replica in fake-indexeddb, the digests in files on disk (as in OPFS): a reload reads only
// what the replica wrote since the save, and with a reopen, an edit, a delete and a new task made
// after it gives exactly the figures a full computation over the replica gives; a configuration
// change, a machine clock set back and a damaged file each make it read the replica whole.
import fs from 'node:fs';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import type { Task } from '../../../shared/task';
import { taskStoreOf, type BatonDatabase } from '../../db/database';
import { kpiTestReplica } from './test-replica';
import { digestFileName, loadDigests } from './digest-store';
import { KpiRun, type KeptDigests } from './kpi-job';
import { kpiJobOf, ReplicaChanges, replicaKey } from './kpi-source';
import { testDigestFiles } from './test-digest-files';
import { storedKeys } from '../../db/test-raw-records';

const DAY = 24 * 3600_000;

/** The key of the last record in the replica's tasks log. */
async function lastLogKey(db: BatonDatabase): Promise<number> {
  return Number((await storedKeys(indexedDB, (await taskStoreOf(db)).database, 'log')).at(-1));
}
const idb = { indexedDB, IDBKeyRange };
const now = Date.now();
const window = { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now + DAY).toISOString(), at: new Date(now).toISOString() };
let db: BatonDatabase;

/** Overwrites the saved file's first part with bytes that do not decode. */
function damageParts(): void {
  const file = digestFiles.path(digestFileName(key));
  const bytes = fs.readFileSync(file);
  bytes.fill('x'.charCodeAt(0), 4);
  fs.writeFileSync(file, bytes);
}
let key: string;
let tasks: Task[];
let digestFiles: ReturnType<typeof testDigestFiles>;
/** Where the runs keep the replica's digests. */
let kept: KeptDigests;

beforeEach(async () => {
  ({ db, tasks } = await kpiTestReplica(now));
  key = await replicaKey(db);
  digestFiles = testDigestFiles();
  kept = { files: digestFiles.files, key };
});
afterEach(async () => {
  await db.close();
  digestFiles.remove();
});

/** A run of the dashboard that saves its digests, as before a reload. */
async function firstRun(): Promise<void> {
  const run = new KpiRun(idb, kept);
  const job = await new ReplicaChanges(db).jobFor(window, ['loc-main']);
  expect((await run.apply(job)).upserted).toHaveLength(tasks.length);
  await run.compute({ ...job, reset: false });
  await run.flush();
}

/** The dashboard after a reload: its first job, and the figures it gives. */
async function afterReload() {
  const run = new KpiRun(idb, kept);
  const resume = run.restore();
  const job = await new ReplicaChanges(db, resume).jobFor(window, ['loc-main']);
  const read = await run.apply(job);
  return { resume: await resume, job, read, report: await run.compute({ ...job, reset: false }) };
}

/** The figures of a fresh, full read of the replica. */
async function fullReport() {
  return new KpiRun(idb).compute(await kpiJobOf(db, window, ['loc-main']));
}

describe('the dashboard digests kept across a reload', () => {
  it('read only what the replica wrote since, and give the figures of a full computation', async () => {
    await firstRun();
    const done = tasks.find((t) => t.status === 'done' && t.history.length > 2)!;
    const open = tasks.find((t) => t.status === 'in_progress')!;
    const gone = tasks.find((t) => t.status === 'closed' && t.id !== done.id)!;
    // After the save: a reopen of finished work, an edit, a delete and a new task.
    const at = new Date(now - 3600_000).toISOString();
    const reopened = {
      ...done,
      status: 'in_progress' as const,
      history: [
        ...done.history,
        {
          rev: done.history.length + 1,
          at,
          actorId: 'u-manager',
          actorName: 'M',
          workstationId: 'ws',
          kind: 'updated' as const,
          action: 'reopen',
          changes: [{ field: 'status', from: 'done', to: 'in_progress' }],
        },
      ],
    };
    await db.tasks.upsert(reopened);
    await db.tasks.upsert({ ...open, ownerId: 'u-billing' });
    await (await db.tasks.findOne(gone.id).exec())!.remove();
    const added = { ...open, id: newId(), createdAt: at, history: open.history.slice(0, 1) };
    await db.tasks.insert(added);

    const { resume, job, read, report } = await afterReload();
    expect(resume).toBeDefined();
    expect(job.reset).toBe(false);
    expect(read.upserted.sort()).toEqual([reopened.id, open.id, added.id].sort());
    expect(read.removed).toEqual([gone.id]);
    expect(report.open).toBeGreaterThan(0);
    expect(report).toEqual(await fullReport());
  });

  it('with nothing written since, reads nothing and gives the same figures', async () => {
    await firstRun();
    const { read, report } = await afterReload();
    expect(read.upserted).toHaveLength(0);
    expect(report).toEqual(await fullReport());
  });

  it('read the replica whole after a configuration change, a machine clock set back, or a damaged store', async () => {
    await firstRun();
    // The configuration changed while the app was closed: finished tasks are judged again.
    const config = (await db.config.find().exec())[0];
    await config.incrementalPatch({ updatedAt: new Date(now).toISOString() });
    let reload = await afterReload();
    expect(reload.job.reset).toBe(true);
    expect(reload.read.upserted).toHaveLength(tasks.length);
    expect(reload.report).toEqual(await fullReport());

    // The machine clock now runs behind the saved checkpoint: later writes would carry earlier times.
    await firstRun();
    const realNow = Date.now;
    Date.now = () => realNow() - 2 * DAY;
    try {
      reload = await afterReload();
    } finally {
      Date.now = realNow;
    }
    expect(reload.read.upserted).toHaveLength(tasks.length);
    expect(reload.report).toEqual(await fullReport());

    // A store that does not decode is not used.
    await firstRun();
    damageParts();
    reload = await afterReload();
    expect(reload.resume).toBeUndefined();
    expect(reload.read.upserted).toHaveLength(tasks.length);
  });
});

describe('the background hand-over during a large replication', () => {
  it('reads the replica a part at a time, each from where the last stopped: together exactly the replica', async () => {
    // More than two parts of 2,000 (the reader stops at a page's end once past its limit).
    const copies = tasks.flatMap((t, i) => Array.from({ length: 20 }, (_, c) => ({ ...t, id: `${t.id}-c${c}-${i}` })));
    await db.tasks.bulkInsert(copies);
    const all = [...tasks, ...copies].map((t) => t.id).sort();
    expect(all.length).toBeGreaterThan(6000);
    const changes = new ReplicaChanges(db);
    const run = new KpiRun(idb, undefined, 2000);
    const applied = await run.apply(await changes.jobFor(window, ['loc-main']));
    expect(applied.parts).toBeGreaterThan(2);
    expect(applied.upserted.sort()).toEqual(all);
    expect(await run.compute(await changes.jobFor(window, ['loc-main']))).toEqual(await fullReport());
  });

  it('saves the digests by itself as soon as a change is in, while changes keep coming', async () => {
    const run = new KpiRun(idb, kept);
    const changes = new ReplicaChanges(db);
    // A hand-over after each batch the replication wrote, as during a replication: nothing waits
    // for the writes to stop, and no one flushes.
    const writeTen = (batch: number) => db.tasks.bulkInsert(tasks.slice(0, 10).map((t) => ({ ...t, id: `${t.id}-b${batch}` })));
    for (let batch = 1; batch <= 3; batch++) {
      await run.apply(await changes.jobFor(window, ['loc-main']));
      const expected = tasks.length + 10 * (batch - 1);
      let saved = await loadDigests(kept.files, key);
      for (let tick = 0; saved?.entries.length !== expected && tick < 1000; tick++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        saved = await loadDigests(kept.files, key);
      }
      expect(saved?.entries).toHaveLength(expected);
      await writeTen(batch);
    }
  });
});

describe('the digests saved in parts', () => {
  it('a save adds a part with only what changed; once the parts hold as many outdated digests as current ones, one part holds everything again', async () => {
    const run = new KpiRun(idb, kept);
    const changes = new ReplicaChanges(db);
    await run.apply(await changes.jobFor(window, ['loc-main']));
    await run.flush();
    let saved = await loadDigests(kept.files, key);
    expect(saved?.partSizes).toEqual([tasks.length]);
    // Each round edits a quarter of the tasks and one more, and deletes one.
    const edited = Math.floor(tasks.length / 4) + 1;
    const counts: number[] = [];
    for (let round = 0; round < 6; round++) {
      await db.tasks.bulkUpsert(tasks.slice(0, edited).map((t) => ({ ...t, title: `${t.title} (${round})` })));
      await (await db.tasks.findOne(tasks[tasks.length - 1 - round].id).exec())!.remove();
      await run.apply(await changes.jobFor(window, ['loc-main']));
      await run.flush();
      saved = await loadDigests(kept.files, key);
      counts.push(saved!.partSizes.length);
      if (saved!.partSizes.length > 1) expect(saved!.partSizes.at(-1)).toBe(edited);
    }
    // Four parts of changes hold more than the replica: the fifth save writes everything as one.
    expect(counts).toEqual([2, 3, 4, 5, 1, 2]);
    expect(saved!.entries).toHaveLength(tasks.length - 6);
    // Current to the log's last record, from the writes handed over: the reload reads after it only.
    expect(saved!.checkpoint.key).toBe(await lastLogKey(db));
    const { read, report } = await afterReload();
    expect(read.upserted).toHaveLength(0);
    expect(report).toEqual(await fullReport());
  });

  it('a part cut short (the app closed while it was written) is dropped: the parts before it stand, current to their own checkpoint', async () => {
    await firstRun();
    const first = await loadDigests(kept.files, key);
    const run = new KpiRun(idb, kept);
    const changes = new ReplicaChanges(db, run.restore());
    await run.apply(await changes.jobFor(window, ['loc-main']));
    await db.tasks.upsert({ ...tasks[0], ownerId: 'u-billing' });
    await run.apply(await changes.jobFor(window, ['loc-main']));
    await run.flush();
    const file = digestFiles.path(digestFileName(key));
    fs.truncateSync(file, fs.statSync(file).size - 10);

    const saved = await loadDigests(kept.files, key);
    expect(saved?.partSizes).toEqual([tasks.length]);
    expect(saved?.checkpoint).toEqual(first?.checkpoint);
    // The reload reads the edit again from the replica, and its next save writes everything.
    const reload = new KpiRun(idb, kept);
    const reloadChanges = new ReplicaChanges(db, reload.restore());
    const job = await reloadChanges.jobFor(window, ['loc-main']);
    expect((await reload.apply(job)).upserted).toEqual([tasks[0].id]);
    expect(await reload.compute({ ...job, reset: false })).toEqual(await fullReport());
    await db.tasks.upsert({ ...tasks[1], ownerId: 'u-billing' });
    await reload.apply(await reloadChanges.jobFor(window, ['loc-main']));
    await reload.flush();
    expect((await loadDigests(kept.files, key))?.partSizes).toEqual([tasks.length]);
  });

  it("adds no part to another run's: a second window's save makes this run save everything", async () => {
    const first = new KpiRun(idb, kept);
    const firstChanges = new ReplicaChanges(db);
    await first.apply(await firstChanges.jobFor(window, ['loc-main']));
    await first.flush();
    // A second window of the same replica loads the digests, then the first one saves a change.
    const second = new KpiRun(idb, kept);
    const resume = second.restore();
    const secondChanges = new ReplicaChanges(db, resume);
    await second.apply(await secondChanges.jobFor(window, ['loc-main']));
    await db.tasks.upsert({ ...tasks[0], ownerId: 'u-billing' });
    await first.apply(await firstChanges.jobFor(window, ['loc-main']));
    await first.flush();
    expect((await loadDigests(kept.files, key))?.partSizes).toHaveLength(2);
    // The second window's next save cannot go after parts it never saw: it writes everything.
    await db.tasks.upsert({ ...tasks[1], ownerId: 'u-billing' });
    await second.apply(await secondChanges.jobFor(window, ['loc-main']));
    await second.flush();
    const saved = await loadDigests(kept.files, key);
    expect(saved?.partSizes).toEqual([tasks.length]);
    const { report } = await afterReload();
    expect(report).toEqual(await fullReport());
  });
});
