import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { fillWithDefaultSettings, getComposedPrimaryKeyOfDocumentData, getRxReplicationMetaInstanceSchema } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../shared/ids';
import { taskRxSchema, rejectionRxSchema } from '../../shared/rx-schemas';
import { PHI_TASK_FIELDS, type Task } from '../../shared/task';
import { PHI_REJECTION_FIELDS, type Rejection } from '../../shared/rejection';
import { addNote, createTask, newTaskDocument } from './tasks';
import { openBatonDatabase, removeBatonDatabase, type BatonDatabase } from './database';
import { ReplicaKeyError, SEALED_FIELD } from './phi-cipher';
import { wrappedAesGcmStorage } from './encrypted-storage';
import { storedRecords } from './test-raw-records';

const KEY = 'a1'.repeat(32);
const OTHER_KEY = 'b2'.repeat(32);
const actor = { id: 'u-me', displayName: 'Me' };
const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange }) as never;
const open: BatonDatabase[] = [];

async function openDb(name: string, encryptionKey?: string): Promise<BatonDatabase> {
  const db = await openBatonDatabase({ userId: 'u-me', name, storage: storage(), multiInstance: false, encryptionKey });
  open.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

/** Every record of every IndexedDB database of this replica, as stored (under all RxDB layers). */
async function rawRecords(name: string): Promise<string> {
  return JSON.stringify(await storedRecords(indexedDB, (db) => db.includes(name)));
}

const draft = (patientRef: string) => ({
  title: `Prior auth ${patientRef.slice(-4)}`,
  typeId: 'general',
  queue: 'front_desk',
  locationId: 'loc-main',
  priority: 'normal' as const,
  dueAt: new Date(Date.UTC(2026, 10, 30)).toISOString(),
  channel: 'phone' as const,
  patientRef,
  description: 'Caller reports chest pain since Tuesday',
});

/**
 * A replication of `db.tasks` whose server holds `served` (pull only, unless `push`: RxDB then
 * keeps its copy of each pulled document).
 */
function replicateServed(db: BatonDatabase, name: string, served: Task[], options: { live?: boolean; push?: boolean } = {}) {
  return replicateRxCollection<Task, { at: number }>({
    collection: db.tasks,
    replicationIdentifier: `test-${name}`,
    live: options.live ?? false,
    ...(options.push ? { push: { handler: async () => [] } } : {}),
    pull: {
      handler: async (checkpoint) =>
        checkpoint
          ? { documents: [], checkpoint }
          : { documents: served.map((task) => ({ ...task, pendingSync: false, _deleted: false })), checkpoint: { at: 1 } },
    },
  });
}

describe('PHI encryption at rest', () => {
  it('stores the PHI fields of tasks and rejections as ciphertext and reads them back in plain', async () => {
    const name = `enc-${newId().slice(0, 8)}`;
    const db = await openDb(name, KEY);
    const task = await createTask(db, draft('MRN 1002345 J.D.'), actor);
    await addNote(db, task.id, 'Spoke to daughter about insulin', actor);
    const rejection: Rejection = {
      id: newId(),
      userId: 'u-me',
      docCollection: 'tasks',
      docId: task.id,
      docTitle: task.title,
      at: new Date().toISOString(),
      code: 'forbidden_field',
      message: 'Patient reference MRN 7654321 X.Y. cannot be set',
      attempted: { patientRef: 'MRN 7654321 X.Y.' },
      dismissed: false,
      pendingSync: false,
      rev: 1,
    };
    await db.rejections.insert(rejection);

    const raw = await rawRecords(name);
    for (const secret of ['1002345', 'chest pain', 'insulin', '7654321']) expect(raw).not.toContain(secret);
    // Control: the same read sees the fields that are not encrypted, and the sealed blobs.
    expect(raw).toContain(task.title);
    expect(raw).toContain(`"${SEALED_FIELD}":`);

    const read = (await db.tasks.findOne(task.id).exec())!.toJSON() as Task;
    expect(read.patientRef).toBe('MRN 1002345 J.D.');
    expect(read.description).toBe('Caller reports chest pain since Tuesday');
    expect(read.notes.map((n) => n.text)).toEqual(['Spoke to daughter about insulin']);
    expect((await db.rejections.findOne(rejection.id).exec())!.toJSON()).toMatchObject({
      attempted: rejection.attempted,
      message: rejection.message,
    });
  });

  it('lands writes in the order they were made, however long each takes to seal: the store’s order of write times is the order of landing', async () => {
    const db = await openDb(`order-${newId()}`, KEY);
    const landed: number[] = [];
    const sub = db.tasks.eventBulks$.subscribe((bulk) => {
      for (const event of bulk.events) landed.push((event.documentData as { _meta: { lwt: number } })._meta.lwt);
    });
    // A large bulk (a replication's) takes longer to seal than the one-task write made just after
    // it: here each of its documents' sealing is held back 20 ms.
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
    let slow = true;
    const sealing = vi.spyOn(crypto.subtle, 'encrypt').mockImplementation(async (...args) => {
      if (slow) await new Promise((resolve) => setTimeout(resolve, 20));
      return encrypt(...args);
    });
    try {
      const many = Array.from({ length: 200 }, (_, i) => newTaskDocument(draft(`MRN ${100000 + i}`), actor));
      const large = db.tasks.bulkInsert(many);
      await new Promise((resolve) => setTimeout(resolve, 5));
      slow = false;
      const small = db.tasks.insert(newTaskDocument(draft('MRN 999999'), actor));
      await Promise.all([large, small]);
    } finally {
      sealing.mockRestore();
      sub.unsubscribe();
    }
    expect(landed).toHaveLength(201);
    expect(landed).toEqual([...landed].sort((a, b) => a - b));
  });

  it('refuses a query on an encrypted field instead of silently matching nothing', async () => {
    const db = await openDb(`enc-${newId().slice(0, 8)}`, KEY);
    await createTask(db, draft('MRN 1002003 E.F.'), actor);
    await expect(db.tasks.find({ selector: { patientRef: 'MRN 1002003 E.F.' } }).exec()).rejects.toThrow(
      /encrypted field tasks.patientRef/,
    );
  });

  it('encrypts what replication stores too (the assumed server state of each document)', async () => {
    const name = `enc-${newId().slice(0, 8)}`;
    const db = await openDb(name, KEY);
    const local = await openDb(`plain-${newId().slice(0, 8)}`);
    // A server state made by the renderer's own write path, then served by a pull handler.
    const served = await createTask(local, draft('MRN 1002777 G.H.'), actor);
    const replication = replicateServed(db, name, [served]);
    await replication.awaitInitialReplication();
    await replication.cancel();
    expect((await db.tasks.findOne(served.id).exec())?.patientRef).toBe('MRN 1002777 G.H.');
    const raw = await rawRecords(name);
    expect(raw).toContain(served.title);
    expect(raw).not.toContain('1002777');
    expect(raw).not.toContain('chest pain');
  });

  it('opens nothing it has just sealed, however many listen to its changes (a replication pulling into the replica)', async () => {
    const name = `enc-${newId().slice(0, 8)}`;
    const db = await openDb(name, KEY);
    const local = await openDb(`plain-${newId().slice(0, 8)}`);
    const served = await Promise.all(Array.from({ length: 30 }, (_, i) => createTask(local, draft(`MRN ${300000 + i} K.L.`), actor)));
    // Listeners besides the collection and the replication's own: each gets the documents in plain.
    const seen: string[] = [];
    const listening = [1, 2].map(() =>
      db.tasks.storageInstance.changeStream().subscribe((bulk) => {
        for (const event of bulk.events) seen.push((event.documentData as { patientRef: string }).patientRef);
      }),
    );
    const opening = vi.spyOn(crypto.subtle, 'decrypt');
    try {
      const replication = replicateServed(db, name, served);
      await replication.awaitInitialReplication();
      await replication.cancel();
      expect(opening).not.toHaveBeenCalled();
    } finally {
      opening.mockRestore();
      listening.forEach((sub) => sub.unsubscribe());
    }
    expect(seen.sort()).toEqual([...served, ...served].map((task) => task.patientRef).sort());
  });

  it('seals each pulled document once: the replication’s copy of the server’s state takes the document’s blob', async () => {
    const name = `enc-${newId().slice(0, 8)}`;
    const db = await openDb(name, KEY);
    const local = await openDb(`plain-${newId().slice(0, 8)}`);
    const served = await Promise.all(Array.from({ length: 30 }, (_, i) => createTask(local, draft(`MRN ${400000 + i} P.Q.`), actor)));
    const sealing = vi.spyOn(crypto.subtle, 'encrypt');
    // A push makes RxDB keep the copies (a pull-only replication keeps none).
    const replication = replicateServed(db, name, served, { live: true, push: true });
    try {
      await replication.awaitInitialReplication();
      expect(sealing).toHaveBeenCalledTimes(served.length);
      // The copies open again, with every sealed field.
      const meta = replication.metaInstance!;
      const copies = await meta.findDocumentsById(
        served.map((task) => getComposedPrimaryKeyOfDocumentData(meta.schema, { itemId: task.id, isCheckpoint: '0' })),
        false,
      );
      expect(copies.map((row) => (row.docData as Task).patientRef).sort()).toEqual(served.map((task) => task.patientRef).sort());
    } finally {
      sealing.mockRestore();
      await replication.cancel();
    }
    const raw = await rawRecords(name);
    expect(raw).toContain(served[0].title);
    expect(raw).not.toContain('400000');
    expect(raw).not.toContain('chest pain');
  });

  it('opens the replication’s copies a release before this one stored, each sealed whole', async () => {
    const name = `enc-${newId().slice(0, 8)}`;
    const taskSchema = fillWithDefaultSettings({ ...taskRxSchema, encrypted: [...PHI_TASK_FIELDS] });
    const metaParams = {
      databaseName: name,
      collectionName: 'rx-replication-meta-test',
      schema: getRxReplicationMetaInstanceSchema(taskSchema, true),
      options: {},
      multiInstance: false,
      devMode: false,
      databaseInstanceToken: 'token',
    };
    const task = {
      ...newTaskDocument(draft('MRN 1002888 R.S.'), actor),
      _deleted: false,
      _rev: '1-a',
      _meta: { lwt: 1 },
      _attachments: {},
    };
    const row = (docData: unknown, itemId: string) => ({
      id: `${itemId}|0`,
      itemId,
      isCheckpoint: '0',
      docData,
      _deleted: false,
      _rev: '1-a',
      _meta: { lwt: 1 },
      _attachments: {},
    });
    // The earlier release: no collection of the copy's shape known, so the whole copy is one blob.
    const earlier = await wrappedAesGcmStorage({ storage: storage(), keyHex: KEY }).createStorageInstance(metaParams as never);
    await earlier.bulkWrite([{ document: row(task, task.id) }], 'test');
    await earlier.close();

    const storageNow = wrappedAesGcmStorage({ storage: storage(), keyHex: KEY });
    const tasks = await storageNow.createStorageInstance({ ...metaParams, collectionName: 'tasks', schema: taskSchema } as never);
    const meta = await storageNow.createStorageInstance(metaParams as never);
    const other = { ...task, id: newId(), patientRef: 'MRN 1002999 T.U.' };
    await meta.bulkWrite([{ document: row(other, other.id) }], 'test');
    const rows = (await meta.findDocumentsById([`${task.id}|0`, `${other.id}|0`], false)) as unknown as { docData: Task }[];
    expect(rows.map((r) => r.docData.patientRef).sort()).toEqual(['MRN 1002888 R.S.', 'MRN 1002999 T.U.']);
    await Promise.all([tasks.close(), meta.close()]);
    const raw = await rawRecords(name);
    expect(raw).not.toContain('1002888');
    expect(raw).not.toContain('1002999');
  });

  it('opens a replica only with its own key', async () => {
    const name = `enc-${newId().slice(0, 8)}`;
    const db = await openDb(name, KEY);
    const task = await createTask(db, draft('MRN 1002555 K.L.'), actor);
    await db.close();
    await expect(openDb(name, OTHER_KEY)).rejects.toThrow(ReplicaKeyError);
    await expect(openDb(name)).rejects.toThrow(ReplicaKeyError);
    const again = await openDb(name, KEY);
    expect((await again.tasks.findOne(task.id).exec())?.patientRef).toBe('MRN 1002555 K.L.');
  });

  it('removes an encrypted replica without its key, so a new key starts a fresh one', async () => {
    const name = `enc-${newId().slice(0, 8)}`;
    const db = await openDb(name, KEY);
    await createTask(db, draft('MRN 1002666 M.N.'), actor);
    await db.close();
    await removeBatonDatabase({ userId: 'u-me', name, storage: storage() });
    const fresh = await openDb(name, OTHER_KEY);
    expect(await fresh.tasks.count().exec()).toBe(0);
  });

  it('refuses a key that is not hex of an AES key length', async () => {
    await expect(openDb(`enc-${newId().slice(0, 8)}`, 'correct horse battery staple')).rejects.toThrow(/hex/);
  });

  it('indexes no field it encrypts (an encrypted field cannot be indexed or queried)', () => {
    const indexed = (schema: { indexes?: unknown }) => ((schema.indexes ?? []) as (string | string[])[]).flat();
    for (const field of PHI_TASK_FIELDS) expect(indexed(taskRxSchema)).not.toContain(field);
    for (const field of PHI_REJECTION_FIELDS) expect(indexed(rejectionRxSchema)).not.toContain(field);
  });
});
