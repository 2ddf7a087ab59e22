// Reads the tasks replica's stored documents straight from IndexedDB, in a worker: RxDB's change
// feed (getChangedDocumentsSince) walks a cursor on the board's thread, one document per event-loop
// turn, and costs 20-60× a plain read of the same store. This reader takes the same documents in the
// same order (last write time, then id) with getAll on the storage's own index, and opens their
// sealed PHI (encrypted-storage.ts) where it runs. It knows RxDB's Dexie layout (one database per
// collection, a `docs` store, the `[_meta.lwt+id]` index, booleans indexed as '1'/'0');
// task-store-reader.test.ts checks it against RxDB's own feed on a replica RxDB wrote.
import { z } from 'zod';
import type { Task } from '../../shared/task';
import { idbRequest, openExistingDatabase } from './idb-request';
import { open, ReplicaKeyError, SEALED_FIELD } from './phi-cipher';

/** Where a replica's tasks are stored (database.ts: taskStoreOf), and the key that opens their PHI (none: stored in the clear). */
export interface TaskStore {
  database: string;
  /** Indexed boolean fields (top level), which the storage keeps as '1' and '0'. */
  booleanIndexes: string[];
  key: CryptoKey | null;
}

/** The IndexedDB to read from: the page's or worker's own, or fake-indexeddb in Node tests. */
export interface IndexedDbApi {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** RxDB's change-feed position: the last write time and id read (what its replication pushes by). */
export const TaskStoreCheckpoint = z.object({ id: z.string(), lwt: z.number() });
export type TaskStoreCheckpoint = z.infer<typeof TaskStoreCheckpoint>;

export interface TaskStoreChanges {
  tasks: Task[];
  /** Ids of tasks deleted since. */
  removed: string[];
  /** Where the next read goes on from (unchanged when nothing was read). */
  checkpoint: TaskStoreCheckpoint | undefined;
  /** The read stopped at its limit: later writes remain. */
  more: boolean;
}

const DOCS = 'docs';
const BY_WRITE = '[_meta.lwt+id]';
/** Documents per getAll: large enough to amortise a request, small enough to decrypt as it goes. */
const PAGE = 2000;

const StoredTask = z.looseObject({
  id: z.string(),
  _deleted: z.enum(['0', '1']),
  _meta: z.looseObject({ lwt: z.number() }),
  [SEALED_FIELD]: z.string().optional(),
});

/** An open replica store, read a part at a time (one database open for all of a job's parts). */
export interface TaskStoreReader {
  /**
   * The tasks written after `since` (all of them without it), oldest write first, at most about
   * `limit` (whole pages). Each page is its own read transaction; RxDB's writes go on meanwhile.
   */
  read(since: TaskStoreCheckpoint | undefined, limit?: number): Promise<TaskStoreChanges>;
  close(): void;
}

/** Opens the replica's task store, or undefined where the replica has none yet. */
export async function openTaskStore(api: IndexedDbApi, store: TaskStore): Promise<TaskStoreReader | undefined> {
  const db = await openExistingDatabase(api.indexedDB, store.database);
  if (!db) return undefined;
  // RxDB deleting or upgrading the replica is never held up by this reader.
  db.onversionchange = () => db.close();
  return { read: (since, limit = Infinity) => readOpen(db, api, store, since, limit), close: () => db.close() };
}

async function readOpen(
  db: IDBDatabase,
  api: IndexedDbApi,
  store: TaskStore,
  since: TaskStoreCheckpoint | undefined,
  limit: number,
): Promise<TaskStoreChanges> {
  const out: TaskStoreChanges = { tasks: [], removed: [], checkpoint: since, more: false };
  for (;;) {
    const after = out.checkpoint;
    const range = after ? api.IDBKeyRange.lowerBound([after.lwt, after.id], true) : undefined;
    const rows = await idbRequest(db.transaction(DOCS, 'readonly').objectStore(DOCS).index(BY_WRITE).getAll(range, PAGE));
    const docs = rows.map((row) => StoredTask.parse(row));
    const opened = await Promise.all(docs.map((doc) => (doc._deleted === '1' ? Promise.resolve(null) : plainTask(doc, store))));
    docs.forEach((doc, i) => {
      const task = opened[i];
      if (task) out.tasks.push(task);
      else out.removed.push(doc.id);
    });
    const last = docs.at(-1);
    if (last) out.checkpoint = { id: last.id, lwt: last._meta.lwt };
    if (docs.length < PAGE) return out;
    if (out.tasks.length + out.removed.length >= limit) {
      out.more = true;
      return out;
    }
  }
}

/** The document as RxDB's own feed gives it (its PHI opened, indexed booleans booleans again). */
async function plainTask(doc: z.infer<typeof StoredTask>, store: TaskStore): Promise<Task> {
  const { [SEALED_FIELD]: sealed, ...plain } = doc as Record<string, unknown>;
  for (const field of store.booleanIndexes) plain[field] = plain[field] === '1';
  if (sealed === undefined) return plain as unknown as Task;
  if (!store.key) throw new ReplicaKeyError('The local replica is encrypted: a key is needed to read it');
  return { ...plain, ...((await open(store.key, sealed as string, doc.id)) as Record<string, unknown>) } as unknown as Task;
}
