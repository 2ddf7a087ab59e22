// The worker's reader of the stored tasks (task-store-reader.ts) against RxDB's own change feed, on
// replicas RxDB wrote through Baton's database code (the log storage on fake-indexeddb, PHI sealed or not):
// the same documents, opened, in the same order, with the same checkpoints, whole or a part at a
// time; deletions as ids; no database made where none is; a wrong key refused.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getChangedDocumentsSince } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { Task } from '../../shared/task';
import { demoHistory } from '../../sync-server/seed/history';
import { openBatonDatabase, taskStoreOf, type BatonDatabase } from './database';
import { importPhiKey, ReplicaKeyError } from './phi-cipher';
import { encodeLogRecord } from './log-layout';
import { testLogStorage } from './test-log-storage';
import { openTaskStore, type TaskStore, type TaskStoreCheckpoint, type TaskStoreChanges } from './task-store-reader';

const KEY = 'c3'.repeat(32);
const idb = { indexedDB, IDBKeyRange };
const opened: BatonDatabase[] = [];

async function replica(encryptionKey?: string): Promise<BatonDatabase> {
  const db = await openBatonDatabase({
    userId: 'u-reader',
    name: `reader-${newId().slice(0, 8)}`,
    storage: testLogStorage(),
    multiInstance: false,
    encryptionKey,
  });
  opened.push(db);
  // More than one of the reader's pages, then an edit and a delete (both move to the feed's end).
  const tasks = demoHistory(90, new Date());
  expect(tasks.length).toBeGreaterThan(2000);
  await db.tasks.bulkInsert(tasks);
  await db.tasks.upsert({ ...tasks[3], description: 'called back, left a message' });
  await (await db.tasks.findOne(tasks[7].id).exec())!.remove();
  return db;
}
/** One read through a freshly opened store, as one worker job does (nothing when there is no replica). */
async function readTaskStore(
  api: typeof idb,
  store: TaskStore,
  since: TaskStoreCheckpoint | undefined,
  limit?: number,
): Promise<TaskStoreChanges> {
  const reader = await openTaskStore(api, store);
  if (!reader) return { tasks: [], removed: [], checkpoint: since, more: false };
  try {
    return await reader.read(since, limit);
  } finally {
    reader.close();
  }
}

/** Appends a record to a replica's log as another window or a compaction would. */
async function appendToLog(database: string, docs: unknown[], rewrite = false): Promise<void> {
  const log = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(database);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
  await new Promise<void>((resolve, reject) => {
    const tx = log.transaction('log', 'readwrite');
    tx.objectStore('log').add(encodeLogRecord(docs, rewrite));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
  });
  log.close();
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

/** RxDB's own feed from `since`: documents (deleted ones as ids) and the checkpoint, `limit` at a time to its end. */
async function rxdbFeed(db: BatonDatabase, since?: TaskStoreCheckpoint) {
  const tasks: unknown[] = [];
  const removed: string[] = [];
  let checkpoint = since;
  for (;;) {
    const page = await getChangedDocumentsSince<Task, TaskStoreCheckpoint>(db.tasks.storageInstance, 1000, checkpoint);
    for (const doc of page.documents) {
      if (doc._deleted) removed.push(doc.id);
      else tasks.push(doc);
    }
    if (page.documents.length) checkpoint = page.checkpoint;
    if (page.documents.length < 1000) return { tasks, removed, checkpoint };
  }
}

describe("the worker's reader of the stored tasks", () => {
  for (const [label, key] of [
    ['sealed', KEY],
    ['in the clear', undefined],
  ] as const) {
    it(`reads what RxDB's change feed reads, in its order (PHI ${label})`, async () => {
      const db = await replica(key);
      const store = await taskStoreOf(db);
      expect(store.key === null).toBe(key === undefined);
      const read = await readTaskStore(idb, store, undefined);
      const feed = await rxdbFeed(db);
      expect(read.tasks).toEqual(feed.tasks);
      expect(read.tasks.find((t) => t.description === 'called back, left a message')).toBeDefined();
      expect(read.removed).toEqual(feed.removed);
      expect(read.removed).toHaveLength(1);
      // RxDB's feed position, and the log's last record read (where the next read starts).
      expect(read.checkpoint).toEqual({ ...feed.checkpoint, key: expect.any(Number) });
      expect(read.more).toBe(false);

      // Later writes only, from a checkpoint.
      const before = read.checkpoint;
      await db.tasks.upsert({ ...read.tasks[10], ownerId: 'u-billing' });
      const later = await readTaskStore(idb, store, before);
      expect(later.tasks.map((t) => [t.id, t.ownerId])).toEqual([[read.tasks[10].id, 'u-billing']]);
      expect(later.checkpoint).toEqual({ ...(await rxdbFeed(db, before)).checkpoint, key: expect.any(Number) });
      expect(later.checkpoint!.key).toBeGreaterThan(before!.key!);
      expect(await readTaskStore(idb, store, later.checkpoint)).toEqual({
        tasks: [],
        removed: [],
        checkpoint: later.checkpoint,
        more: false,
      });
    });
  }

  it('reads a part at a time, each from where the last stopped, and says when more remain', async () => {
    const db = await replica(KEY);
    const store = await taskStoreOf(db);
    const ids: string[] = [];
    let checkpoint: TaskStoreCheckpoint | undefined;
    let parts = 0;
    for (let more = true; more; parts++) {
      const part = await readTaskStore(idb, store, checkpoint, 1000);
      ids.push(...part.tasks.map((t) => t.id), ...part.removed);
      ({ checkpoint, more } = part);
    }
    const feed = await rxdbFeed(db);
    expect(parts).toBe(Math.ceil((feed.tasks.length + feed.removed.length) / 1000));
    expect(ids).toEqual([...feed.tasks.map((t) => (t as Task).id), ...feed.removed]);
  });

  it('from a checkpoint with a log key: gives a later record even with an earlier write time, not what a compaction wrote again', async () => {
    const db = await replica();
    const store = await taskStoreOf(db);
    const read = await readTaskStore(idb, store, undefined);
    const since = read.checkpoint!;
    const [a, b] = read.tasks as (Task & { _meta: { lwt: number } })[];
    // Another window's write, committed after the read but stamped before its checkpoint.
    await appendToLog(store.database, [{ ...a, title: 'Late fax from the insurer', _meta: { lwt: since.lwt - 1000 } }]);
    // A compaction writes an unchanged task again.
    await appendToLog(store.database, [b], true);
    const later = await readTaskStore(idb, store, since);
    expect(later.tasks.map((t) => [t.id, t.title])).toEqual([[a.id, 'Late fax from the insurer']]);
    expect(later.checkpoint).toEqual({ ...since, key: since.key! + 2 });
  });

  it('makes no database where the replica has none, and refuses a wrong key', async () => {
    const missing = `baton-log-nobody-${newId().slice(0, 8)}--tasks--0`;
    expect(await readTaskStore(idb, { database: missing, key: null }, undefined)).toEqual({
      tasks: [],
      removed: [],
      checkpoint: undefined,
      more: false,
    });
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(missing);

    const db = await replica(KEY);
    const store = await taskStoreOf(db);
    expect((await indexedDB.databases()).map((d) => d.name)).toContain(store.database);
    const wrong = { ...store, key: await importPhiKey('d4'.repeat(32)) };
    await expect(readTaskStore(idb, wrong, undefined)).rejects.toBeInstanceOf(ReplicaKeyError);
    await expect(readTaskStore(idb, { ...store, key: null }, undefined)).rejects.toBeInstanceOf(ReplicaKeyError);
  });
});
