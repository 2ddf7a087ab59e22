// The dashboard's digests kept across a reload (digest-store.ts, kpi-job.ts, kpi-source.ts) on a
// Dexie replica in fake-indexeddb: a reload reads only what the replica wrote since the save, and
// with a reopen, an edit, a delete and a new task made after it gives exactly the figures a full
// computation over the replica gives; a configuration change, a machine clock set back and a
// damaged store each make it read the replica whole.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoConfigDocs } from '../../../shared/config/demo';
import { newId } from '../../../shared/ids';
import type { Task } from '../../../shared/task';
import { demoHistory } from '../../../sync-server/seed/history';
import { openBatonDatabase, type BatonDatabase } from '../../db/database';
import { loadDigests } from './digest-store';
import { KpiRun } from './kpi-job';
import { kpiJobOf, ReplicaChanges, replicaKey } from './kpi-source';

const DAY = 24 * 3600_000;
const now = Date.now();
const window = { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now + DAY).toISOString(), at: new Date(now).toISOString() };
let db: BatonDatabase;
let key: string;
let tasks: Task[];

beforeEach(async () => {
  db = await openBatonDatabase({
    userId: `kpi-${newId()}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    multiInstance: false,
  });
  await db.config.bulkInsert(demoConfigDocs('loc-main', (u) => `u-${u}`));
  tasks = demoHistory(20, new Date(now));
  await db.tasks.bulkInsert(tasks);
  key = await replicaKey(db);
});
afterEach(() => db.close());

/** A run of the dashboard that saves its digests, as before a reload. */
async function firstRun(): Promise<void> {
  const run = new KpiRun({ factory: indexedDB, key });
  const changes = new ReplicaChanges(db);
  const job = await changes.jobFor(window, ['loc-main']);
  expect(job.upserts).toHaveLength(tasks.length);
  run.compute(job);
  await run.flush();
}

/** The dashboard after a reload: its first job, and the figures it gives. */
async function afterReload() {
  const run = new KpiRun({ factory: indexedDB, key });
  const resume = run.restore();
  const job = await new ReplicaChanges(db, resume).jobFor(window, ['loc-main']);
  return { resume: await resume, job, report: run.compute(job) };
}

/** The figures of a fresh, full read of the replica. */
async function fullReport() {
  return new KpiRun().compute(await kpiJobOf(db, window, ['loc-main']));
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

    const { resume, job, report } = await afterReload();
    expect(resume).toBeDefined();
    expect(job.reset).toBe(false);
    expect(job.upserts.map((t) => t.id).sort()).toEqual([reopened.id, open.id, added.id].sort());
    expect(job.removed).toEqual([gone.id]);
    expect(report.open).toBeGreaterThan(0);
    expect(report).toEqual(await fullReport());
  });

  it('with nothing written since, reads nothing and gives the same figures', async () => {
    await firstRun();
    const { job, report } = await afterReload();
    expect(job.upserts).toHaveLength(0);
    expect(report).toEqual(await fullReport());
  });

  it('read the replica whole after a configuration change, a machine clock set back, or a damaged store', async () => {
    await firstRun();
    // The configuration changed while the app was closed: finished tasks are judged again.
    const config = (await db.config.find().exec())[0];
    await config.incrementalPatch({ updatedAt: new Date(now).toISOString() });
    let reload = await afterReload();
    expect(reload.job.reset).toBe(true);
    expect(reload.job.upserts).toHaveLength(tasks.length);
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
    expect(reload.job.upserts).toHaveLength(tasks.length);
    expect(reload.report).toEqual(await fullReport());

    // A store that does not decode is not used.
    await firstRun();
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('baton-kpi-digests', 1);
      open.onsuccess = () => {
        const tx = open.result.transaction('replicas', 'readwrite');
        tx.objectStore('replicas').put(
          { version: 1, fingerprint: 'x', checkpoint: { id: 'a', lwt: 1 }, digests: '{"strings":[],"open":[],"finished":[[1]]}' },
          key,
        );
        tx.oncomplete = () => (open.result.close(), resolve());
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      };
    });
    reload = await afterReload();
    expect(reload.resume).toBeUndefined();
    expect(reload.job.upserts).toHaveLength(tasks.length);
  });
});

describe('the background hand-over during a large replication', () => {
  it('reads a limited part at a time, each from where the last stopped: together exactly the replica', async () => {
    // More than two pages of 500 (the reader stops at a page's end once past its limit).
    const copies = tasks.flatMap((t, i) => Array.from({ length: 3 }, (_, c) => ({ ...t, id: `${t.id}-c${c}-${i}` })));
    await db.tasks.bulkInsert(copies);
    const all = [...tasks, ...copies].map((t) => t.id).sort();
    expect(all.length).toBeGreaterThan(1000);
    const changes = new ReplicaChanges(db);
    const run = new KpiRun();
    const read: string[] = [];
    let jobs = 0;
    for (let more = true; more;) {
      const job = await changes.jobFor(window, ['loc-main'], 500);
      jobs++;
      expect(job.upserts.length).toBeLessThanOrEqual(500);
      read.push(...job.upserts.map((t) => t.id));
      run.apply(job);
      more = job.more === true;
    }
    expect(jobs).toBeGreaterThan(2);
    expect(read.sort()).toEqual(all);
    expect(run.compute(await changes.jobFor(window, ['loc-main']))).toEqual(await fullReport());
  });

  it('saves the digests while changes keep coming, not only once they stop', async () => {
    // Only the save's timer is faked: fake-indexeddb runs on setImmediate.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const run = new KpiRun({ factory: indexedDB, key });
      const changes = new ReplicaChanges(db);
      const first = await changes.jobFor(window, ['loc-main']);
      const job = { ...first, reset: false };
      // A hand-over every second, as during a replication: the first one's save is not put off by the next.
      run.apply({ ...first, upserts: first.upserts.slice(0, 10) });
      await vi.advanceTimersByTimeAsync(1000);
      run.apply({ ...job, upserts: job.upserts.slice(10, 20) });
      await vi.advanceTimersByTimeAsync(1000);
      let saved = await loadDigests(indexedDB, key);
      for (let tick = 0; !saved && tick < 1000; tick++) {
        await new Promise((resolve) => setImmediate(resolve));
        saved = await loadDigests(indexedDB, key);
      }
      expect(saved?.entries).toHaveLength(20);
      run.apply({ ...job, upserts: job.upserts.slice(20, 30) });
      await run.flush();
      expect((await loadDigests(indexedDB, key))?.entries).toHaveLength(30);
    } finally {
      vi.useRealTimers();
    }
  });
});
