// A replica an earlier release kept in RxDB's Dexie layout, opened by this release on the log
// storage: every task, deletion, local document and the replication's own bookkeeping comes
// along (so an edit made before the update still uploads as an edit, not a conflict), the old
// copy is removed, and a take-over cut short is never taken twice.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { Task } from '../../shared/task';
import { openBatonDatabase, type BatonDatabase } from './database';
import { dexieReplicas, type LegacyReplicas } from './dexie-replica-import';
import { decodeLogRecord } from './log-layout';
import { getRxStorageLog } from './log-storage';
import { createTask, newTaskDocument } from './tasks';
import { storedRecords } from './test-raw-records';
import { phoneRequest } from './test-task-drafts';

const KEY = 'c3'.repeat(32);
const actor = { id: 'u-me', displayName: 'Me' };
const draft = (patientRef: string) =>
  phoneRequest(patientRef, { title: 'Prior authorization for knee MRI', description: 'Insurer asked for the last clinic note' });

const opened: BatonDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

const open = (name: string, storage: ReturnType<typeof getRxStorageDexie> | ReturnType<typeof getRxStorageLog>) =>
  openBatonDatabase({ userId: 'u-me', name, storage, multiInstance: false, encryptionKey: KEY });

type Pushed = { assumedMasterState?: Task; newDocumentState: Task };

/** One run of a replication with a server that holds `served` and records what it is sent. */
async function replicate(db: BatonDatabase, served: Task, pushed: Pushed[], pulledFrom: unknown[]) {
  const replication = replicateRxCollection<Task, { at: number }>({
    collection: db.tasks,
    replicationIdentifier: 'baton-tasks-test',
    live: false,
    push: {
      handler: async (rows) => {
        pushed.push(...(rows as Pushed[]));
        return [];
      },
    },
    pull: {
      handler: async (checkpoint) => {
        pulledFrom.push(checkpoint);
        return checkpoint ? { documents: [], checkpoint } : { documents: [{ ...served, _deleted: false }], checkpoint: { at: 1 } };
      },
    },
  });
  await replication.awaitInitialReplication();
  await replication.cancel();
}

/** An earlier release's replica: a pulled task edited since, a task of this desk not yet uploaded, a deleted one. */
async function earlierReplica(name: string) {
  const db = await open(name, getRxStorageDexie({ indexedDB, IDBKeyRange }));
  const served = { ...newTaskDocument(draft('MRN 5510001 A.B.'), actor), pendingSync: false } as Task;
  await replicate(db, served, [], []);
  const mine = await createTask(db, draft('MRN 5510002 C.D.'), actor);
  const gone = await createTask(db, draft('MRN 5510003 E.F.'), actor);
  await (await db.tasks.findOne(gone.id).exec())!.remove();
  await (await db.tasks.findOne(served.id).exec())!.incrementalPatch({ description: 'Clinic note faxed to the insurer' });
  await db.upsertLocal('sync-run-test', { run: 7 });
  const token = db.storageToken;
  await db.close();
  return { served, mine, gone, token: await token };
}

const dexieDatabases = async (name: string) =>
  (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(`rxdb-dexie-${name}--`));

describe("taking over an earlier release's Dexie replica", () => {
  it('brings every task, deletion and local document, keeps the edit not yet uploaded an edit, and removes the old copy', async () => {
    const name = `legacy-${newId().slice(0, 8)}`;
    const before = await earlierReplica(name);
    expect((await dexieDatabases(name)).length).toBeGreaterThan(3);

    const db = await open(name, getRxStorageLog({ indexedDB, IDBKeyRange, legacy: dexieReplicas(indexedDB) }));
    opened.push(db);
    expect(await db.storageToken).toBe(before.token);
    expect((await db.tasks.findOne(before.mine.id).exec())?.patientRef).toBe('MRN 5510002 C.D.');
    expect((await db.tasks.findOne(before.served.id).exec())?.description).toBe('Clinic note faxed to the insurer');
    expect(await db.tasks.findOne(before.gone.id).exec()).toBeNull();
    expect((await db.getLocal<{ run: number }>('sync-run-test'))?.get('run')).toBe(7);
    // The replication's bookkeeping is taken over when the replication opens it.
    expect(await dexieDatabases(name)).toEqual([expect.stringContaining('--rx-replication-meta-')]);
    const raw = JSON.stringify(await storedRecords(indexedDB, (n) => n.startsWith(`baton-log-${name}--`)));
    expect(raw).toContain('Prior authorization for knee MRI');
    expect(raw).not.toContain('5510001');
    expect(raw).not.toContain('faxed');

    // The replication goes on from its checkpoint, and uploads the edit against the state it was made on.
    const pushed: Pushed[] = [];
    const pulledFrom: unknown[] = [];
    await replicate(db, before.served, pushed, pulledFrom);
    expect(pulledFrom[0]).toEqual({ at: 1 });
    const edit = pushed.find((row) => row.newDocumentState.id === before.served.id);
    expect(edit?.assumedMasterState?.description).toBe('Insurer asked for the last clinic note');
    expect(edit?.newDocumentState.description).toBe('Clinic note faxed to the insurer');
    expect(pushed.map((row) => row.newDocumentState.id)).toContain(before.mine.id);
    expect(await dexieDatabases(name)).toEqual([]);
  });

  it('takes a collection over once, even when the removal of the old copy was cut short', async () => {
    const name = `legacy-${newId().slice(0, 8)}`;
    await earlierReplica(name);
    const dexie = dexieReplicas(indexedDB);
    let failRemovals = true;
    const flaky: LegacyReplicas = async (collection) => {
      const found = await dexie(collection);
      return found && { ...found, remove: () => (failRemovals ? Promise.reject(new Error('power cut')) : found.remove()) };
    };
    await expect(open(name, getRxStorageLog({ indexedDB, IDBKeyRange, legacy: flaky }))).rejects.toThrow('power cut');
    expect((await dexieDatabases(name)).length).toBeGreaterThan(3);

    failRemovals = false;
    const db = await open(name, getRxStorageLog({ indexedDB, IDBKeyRange, legacy: flaky }));
    opened.push(db);
    expect(await db.tasks.count().exec()).toBe(2);
    // Each stored task once in the log: the first attempt's take-over was not appended again.
    const logged = await storedRecords(indexedDB, (n) => n.startsWith(`baton-log-${name}--tasks--`), 'log');
    expect(logged.flatMap((record) => decodeLogRecord(record).docs)).toHaveLength(3);
    expect(await dexieDatabases(name)).toEqual([expect.stringContaining('--rx-replication-meta-')]);
  });
});
