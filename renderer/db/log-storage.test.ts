import { indexedDB, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import {
  getRxReplicationMetaInstanceSchema,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorageInstance,
  type RxStorageReplicationMeta,
} from 'rxdb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { newId } from '../../shared/ids';
import { getRxStorageLog } from './log-storage';
import { pageLocks, type LockRunner } from './locks';
import { openBatonDatabase, type BatonDatabase } from './database';
import { createTask, newTaskDocument } from './tasks';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import type { Task } from '../../shared/task';
import { itemSchema, type Item, type StoredItem } from './test-log-items';
import { storedKeys, storedRecords } from './test-raw-records';
import { phoneRequest } from './test-task-drafts';
import { decodeLogRecord } from './log-layout';

type Stored = StoredItem;

const open: RxStorageInstance<Item, unknown, unknown>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((instance) => instance.close().catch(() => undefined)));
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** One window's instance of collection `items` of database `name`. */
async function openWindow(name: string, lock: LockRunner = pageLocks(), compactSlack?: number) {
  const storage = getRxStorageLog({ indexedDB, IDBKeyRange, lock, compactSlack });
  const instance = await storage.createStorageInstance<Item>({
    databaseName: name,
    databaseInstanceToken: newId(),
    collectionName: 'items',
    schema: itemSchema,
    options: {},
    multiInstance: true,
    devMode: false,
  });
  open.push(instance);
  return instance;
}

let lwt = 1;
const doc = (id: string, value: number, rev = 1, deleted = false): Stored => ({
  id,
  value,
  _deleted: deleted,
  _rev: `${rev}-r${value}`,
  _meta: { lwt: lwt++ },
  _attachments: {},
});
const insert = (d: Stored): BulkWriteRow<Item> => ({ document: d });

/** The log's records as stored, their documents read. */
async function records(name: string): Promise<{ docs: Stored[] }[]> {
  const stored = await storedRecords(indexedDB, (db) => db === `baton-log-${name}--items--0`, 'log');
  return stored.map((record) => ({ docs: decodeLogRecord(record).docs as Stored[] }));
}

describe('the log storage (documents in memory, kept in IndexedDB as a log of writes)', () => {
  it('keeps every write across a reopen, one record per write', async () => {
    const name = `log-${newId()}`;
    const a = await openWindow(name);
    const first = Array.from({ length: 100 }, (_, i) => doc(`d${i}`, i));
    expect((await a.bulkWrite(first.map(insert), 'test')).error).toEqual([]);
    await a.bulkWrite([{ previous: first[1], document: doc('d1', 500, 2) }], 'test');
    await a.bulkWrite([{ previous: first[2], document: doc('d2', 2, 2, true) }], 'test');
    await a.close();
    expect(await records(name)).toHaveLength(3);

    const again = await openWindow(name);
    const found = await again.findDocumentsById(['d0', 'd1', 'd2', 'd99'], true);
    const byId = new Map(found.map((d) => [d.id, d]));
    expect(byId.get('d0')?.value).toBe(0);
    expect(byId.get('d1')?.value).toBe(500);
    expect(byId.get('d2')?._deleted).toBe(true);
    expect(byId.get('d99')?.value).toBe(99);
    expect(await again.findDocumentsById(['d2'], false)).toEqual([]);
  });

  it('answers a write, and sends its change event, only once the write’s record is committed', async () => {
    const name = `log-${newId()}`;
    const a = await openWindow(name);
    let committed = 0;
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      const req = add.apply(this, args);
      req.transaction!.addEventListener('complete', () => committed++);
      return req;
    });
    const committedAtEvent: number[] = [];
    a.changeStream().subscribe(() => committedAtEvent.push(committed));
    const written = a.bulkWrite([insert(doc('x', 1))], 'test').then(() => committed);
    expect(await written).toBe(1);
    expect(committedAtEvent).toEqual([1]);
    expect(await records(name)).toHaveLength(1);
  });

  it('checks a write against what another window wrote, and shows that window’s writes', async () => {
    const name = `log-${newId()}`;
    const lock = pageLocks();
    const a = await openWindow(name, lock);
    const b = await openWindow(name, lock);
    const seenByB = firstValueFrom(b.changeStream().pipe(filter((bulk) => bulk.events.some((e) => e.documentId === 'x'))));
    const fromA = doc('x', 1);
    await a.bulkWrite([insert(fromA)], 'test');
    expect((await seenByB).events[0].documentData.value).toBe(1);

    // B inserting the same id, or updating from a state that is no longer the latest, is a conflict.
    const clash = await b.bulkWrite([insert(doc('x', 2))], 'test');
    expect(clash.error).toMatchObject([{ status: 409, documentId: 'x', documentInDb: { value: 1 } }]);
    const fromB = doc('x', 3, 2);
    expect((await b.bulkWrite([{ previous: fromA, document: fromB }], 'test')).error).toEqual([]);
    const stale = await a.bulkWrite([{ previous: fromA, document: doc('x', 4, 2) }], 'test');
    expect(stale.error).toMatchObject([{ status: 409, documentInDb: { value: 3 } }]);
    expect((await a.findDocumentsById(['x'], false))[0].value).toBe(3);
  });

  it('marks each change event with the log record it is in, in both windows', async () => {
    const name = `log-${newId()}`;
    const lock = pageLocks();
    const a = await openWindow(name, lock);
    const b = await openWindow(name, lock);
    const keyOf = (bulk: { checkpoint: unknown }) => (bulk.checkpoint as { logKey?: number }).logKey;
    const inA = firstValueFrom(a.changeStream().pipe(filter((bulk) => bulk.events.some((e) => e.documentId === 'k2'))));
    const inB = firstValueFrom(b.changeStream().pipe(filter((bulk) => bulk.events.some((e) => e.documentId === 'k2'))));
    await a.bulkWrite([insert(doc('k1', 1))], 'test');
    await a.bulkWrite([insert(doc('k2', 2))], 'test');
    const keys = (await storedKeys(indexedDB, `baton-log-${name}--items--0`, 'log')).map(Number);
    expect(keys).toHaveLength(2);
    expect(keyOf(await inA)).toBe(keys[1]);
    expect(keyOf(await inB)).toBe(keys[1]);
  });

  it('rewrites the log as the current documents once it holds mostly replaced ones', async () => {
    const name = `log-${newId()}`;
    const a = await openWindow(name, pageLocks(), 20);
    let current = Array.from({ length: 5 }, (_, i) => doc(`d${i}`, i));
    await a.bulkWrite(current.map(insert), 'test');
    for (let round = 1; round <= 10; round++) {
      const next = current.map((d) => doc(d.id, d.value + 10, round + 1));
      await a.bulkWrite(
        next.map((document, i) => ({ previous: current[i], document })),
        'test',
      );
      current = next;
    }
    const stored = await records(name);
    expect(stored.reduce((sum, r) => sum + r.docs.length, 0)).toBeLessThan(55);
    await a.close();
    const again = await openWindow(name);
    expect((await again.findDocumentsById(['d0', 'd4'], false)).map((d) => d.value)).toEqual([100, 104]);
  });

  it('changes nothing when a write’s record cannot be committed, and takes the next write', async () => {
    const name = `log-${newId()}`;
    const a = await openWindow(name);
    await a.bulkWrite([insert(doc('kept', 1))], 'test');
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementationOnce(() => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    await expect(a.bulkWrite([insert(doc('lost', 2))], 'test')).rejects.toThrow(/disk full/);
    expect(await a.findDocumentsById(['lost'], true)).toEqual([]);
    expect(IDBObjectStore.prototype.add).not.toBe(add);
    await a.bulkWrite([insert(doc('next', 3))], 'test');
    await a.close();
    const again = await openWindow(name);
    expect((await again.findDocumentsById(['kept', 'lost', 'next'], true)).map((d) => d.id).sort()).toEqual(['kept', 'next']);
  });
});

describe('the replication’s bookkeeping on the log storage (RxDB’s meta instance)', () => {
  const metaSchema = getRxReplicationMetaInstanceSchema(itemSchema, false);
  type MetaRow = RxDocumentData<RxStorageReplicationMeta<Item, unknown>>;

  /** Opens collection `items` or the replication's bookkeeping of database `name`, in one window. */
  function windowOf(name: string, lock: LockRunner = pageLocks()) {
    const storage = getRxStorageLog({ indexedDB, IDBKeyRange, lock });
    return {
      async items() {
        return track(await storage.createStorageInstance<Item>({ ...params(name), collectionName: 'items', schema: itemSchema }));
      },
      async meta() {
        return track(
          await storage.createStorageInstance({ ...params(name), collectionName: 'rx-replication-meta-items', schema: metaSchema }),
        );
      },
    };
  }
  const params = (name: string) => ({
    databaseName: name,
    databaseInstanceToken: newId(),
    options: {},
    multiInstance: true,
    devMode: false,
  });
  function track<T>(instance: RxStorageInstance<T, unknown, unknown>) {
    open.push(instance as never);
    return instance;
  }
  /** A document's row: the server's state of it. */
  const itemRow = (item: Stored): MetaRow => ({
    id: `${item.id}|0`,
    itemId: item.id,
    isCheckpoint: '0',
    docData: { id: item.id, value: item.value, _deleted: false },
    _deleted: false,
    _rev: '1-meta',
    _meta: { lwt: lwt++ },
    _attachments: {},
  });
  /** The downstream's checkpoint row, as RxDB's setCheckpoint writes it. */
  const checkpointRow = (cp: string, rev = 1): MetaRow => ({
    id: 'down|1',
    itemId: 'down',
    isCheckpoint: '1',
    checkpointData: { cp },
    _deleted: false,
    _rev: `${rev}-cp${cp}`,
    _meta: { lwt: lwt++ },
    _attachments: {},
  });
  /** The object stores read from, by name, while spying. */
  function storesRead() {
    const get = vi.spyOn(IDBObjectStore.prototype, 'get');
    const getAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    return () => [...get.mock.contexts, ...getAll.mock.contexts].map((store) => (store as IDBObjectStore).name);
  }

  it('opens with its checkpoints alone, and loads the other rows at their first use, behind the page’s other work', async () => {
    const name = `log-${newId()}`;
    const first = windowOf(name);
    const items = Array.from({ length: 2_500 }, (_, i) => doc(`i${i}`, i));
    await (await first.items()).bulkWrite(items.map(insert), 'test');
    const meta = await first.meta();
    await meta.bulkWrite(
      items.map((item) => ({ document: itemRow(item) })),
      'test',
    );
    await meta.bulkWrite([{ document: checkpointRow('42') }], 'test');
    await Promise.all(open.splice(0).map((instance) => instance.close()));

    // Chromium's task scheduler, recording what each load waits for between its steps.
    const waits: string[] = [];
    vi.stubGlobal('scheduler', {
      postTask: (task: () => void, options: { priority: string }) => {
        waits.push(options.priority);
        task();
        return Promise.resolve();
      },
    });
    const again = windowOf(name);
    const itemsAgain = await again.items();
    expect(waits).toEqual([]);
    expect(await itemsAgain.findDocumentsById(['i0', 'i2499'], false)).toHaveLength(2);

    const read = storesRead();
    const metaAgain = await again.meta();
    const [checkpoint] = await metaAgain.findDocumentsById(['down|1'], false);
    expect(checkpoint.checkpointData).toEqual({ cp: '42' });
    expect(read()).not.toContain('log');
    expect(waits).toEqual([]);

    const rows = await metaAgain.findDocumentsById(
      items.map((item) => `${item.id}|0`),
      false,
    );
    expect(rows).toHaveLength(2_500);
    expect(rows.find((row) => row.itemId === 'i7')?.docData).toEqual({ id: 'i7', value: 7, _deleted: false });
    expect(read()).toContain('log');
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(waits)).toEqual(new Set(['background']));
  });

  it('checks a checkpoint’s write against another window’s, before either window loads the other rows, and keeps it', async () => {
    const name = `log-${newId()}`;
    const lock = pageLocks();
    const a = await windowOf(name, lock).meta();
    const b = await windowOf(name, lock).meta();
    const stored = checkpointRow('1');
    await a.bulkWrite([{ document: stored }], 'test');
    await a.bulkWrite([{ previous: stored, document: checkpointRow('2', 2) }], 'test');
    // B never saw the second checkpoint: its write over the first one conflicts.
    const stale = await b.bulkWrite([{ previous: stored, document: checkpointRow('3', 2) }], 'test');
    expect(stale.error[0]?.status).toBe(409);
    expect((stale.error[0] as { documentInDb?: MetaRow }).documentInDb?.checkpointData).toEqual({ cp: '2' });
    await Promise.all(open.splice(0).map((instance) => instance.close()));
    expect(await storedKeys(indexedDB, `baton-log-${name}--rx-replication-meta-items--0`, 'log')).toEqual([]);

    const [kept] = await (await windowOf(name).meta()).findDocumentsById(['down|1'], false);
    expect(kept.checkpointData).toEqual({ cp: '2' });
  });
});

const actor = { id: 'u-me', displayName: 'Me' };
const draft = (patientRef: string) =>
  phoneRequest(patientRef, { title: 'Referral letter for cardiology', description: 'Daughter called about the echo results' });

describe('a Baton replica on the log storage', () => {
  const opened: BatonDatabase[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });

  it('keeps encrypted tasks across a reopen, with no PHI in the log', async () => {
    const name = `replica-${newId().slice(0, 8)}`;
    const options = () => ({
      userId: 'u-me',
      name,
      storage: getRxStorageLog({ indexedDB, IDBKeyRange }),
      multiInstance: false,
      encryptionKey: 'c3'.repeat(32),
    });
    const db = await openBatonDatabase(options());
    const task = await createTask(db, draft('MRN 7700123 V.W.'), actor);
    await db.close();
    const again = await openBatonDatabase(options());
    opened.push(again);
    expect((await again.tasks.findOne(task.id).exec())?.patientRef).toBe('MRN 7700123 V.W.');
    const raw = JSON.stringify(await storedRecords(indexedDB, (db) => db.startsWith(`baton-log-${name}`)));
    expect(raw).toContain('Referral letter for cardiology');
    expect(raw).not.toContain('7700123');
    expect(raw).not.toContain('echo results');
  });

  it('replicates: a task written on it is pushed, and a pulled one lands', async () => {
    const name = `replica-${newId().slice(0, 8)}`;
    const db = await openBatonDatabase({
      userId: 'u-me',
      name,
      storage: getRxStorageLog({ indexedDB, IDBKeyRange }),
      multiInstance: false,
    });
    opened.push(db);
    const mine = await createTask(db, draft('MRN 7700456 X.Y.'), actor);
    const served = { ...newTaskDocument(draft('MRN 7700789 Z.A.'), actor), pendingSync: false, _deleted: false };
    const pushed: string[] = [];
    const replication = replicateRxCollection<Task, { at: number }>({
      collection: db.tasks,
      replicationIdentifier: `test-${name}`,
      live: false,
      push: {
        handler: async (rows) => {
          pushed.push(...rows.map((row) => row.newDocumentState.id));
          return [];
        },
      },
      pull: {
        handler: async (checkpoint) => (checkpoint ? { documents: [], checkpoint } : { documents: [served], checkpoint: { at: 1 } }),
      },
    });
    await replication.awaitInitialReplication();
    await replication.cancel();
    expect(pushed).toEqual([mine.id]);
    expect((await db.tasks.findOne(served.id).exec())?.patientRef).toBe('MRN 7700789 Z.A.');
  });
});
