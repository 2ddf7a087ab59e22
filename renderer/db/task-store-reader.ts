// Reads the tasks replica's stored documents straight from IndexedDB, in a worker, so the
// dashboard's figures never cost the board's thread a read of the whole replica. The replica is
// kept as a log of writes (log-storage.ts: records of documents, keys in the order they were
// committed); this reader gives the tasks written after a checkpoint in RxDB's own change-feed
// order (last write time, then id) and opens their sealed PHI (encrypted-storage.ts) where it runs.
// task-store-reader.test.ts checks it against RxDB's own feed on a replica RxDB wrote.
import { z } from 'zod';
import type { Task } from '../../shared/task';
import { idbRequest, openExistingDatabase } from './idb-request';
import { decodeLogRecord, LOG_STORE } from './log-layout';
import { open, ReplicaKeyError, SEALED_FIELD } from './phi-cipher';

/** Where a replica's tasks are stored (database.ts: taskStoreOf), and the key that opens their PHI (none: stored in the clear). */
export interface TaskStore {
  database: string;
  key: CryptoKey | null;
}

/** The IndexedDB to read from: the page's or worker's own, or fake-indexeddb in Node tests. */
export interface IndexedDbApi {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/**
 * RxDB's change-feed position (the last write time and id read, what its replication pushes by)
 * and, once a read took everything, the log's last record read: the next read then reads only the
 * records after it.
 */
export const TaskStoreCheckpoint = z.object({ id: z.string(), lwt: z.number(), key: z.number().optional() });
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

/** Documents opened at a time: the next part's decryption goes on while the last is digested. */
const PAGE = 2000;

const StoredTask = z.looseObject({
  id: z.string(),
  _deleted: z.boolean(),
  _meta: z.looseObject({ lwt: z.number() }),
  [SEALED_FIELD]: z.string().optional(),
});
type StoredTask = z.infer<typeof StoredTask>;
interface Position {
  id: string;
  lwt: number;
}
const byWrite = (a: Position, b: Position) => a.lwt - b.lwt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const isAfter = (doc: Position, since: Position) => doc.lwt > since.lwt || (doc.lwt === since.lwt && doc.id > since.id);

/** Where a stored document stands in the feed; only the documents a read gives are checked whole (zod), the rest are passed over. */
function positionOf(raw: unknown): Position {
  const doc = raw as { id?: unknown; _meta?: { lwt?: unknown } } | null;
  if (typeof doc?.id !== 'string' || typeof doc._meta?.lwt !== 'number')
    throw new Error('The replica holds a task without an id or a write time');
  return { id: doc.id, lwt: doc._meta.lwt };
}

/** An open replica store, read a part at a time (one database open for all of a job's parts). */
export interface TaskStoreReader {
  /**
   * The tasks written after `since` (all of them without it), oldest write first, at most `limit`.
   * A read that follows on from the last one's checkpoint takes the rest of what that one found.
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
  /** What the last read found and has not yet given, and the checkpoint it stopped at. */
  let rest: { docs: StoredTask[]; from: TaskStoreCheckpoint; lastKey: number | undefined } | undefined;
  return {
    async read(since, limit = Infinity) {
      // Only a read that follows on from a part takes what is left of it: later ones read the log again.
      if (!rest || !since || rest.from !== since) rest = await changedSince(db, api, since);
      const part = rest.docs.splice(0, limit);
      const out: TaskStoreChanges = { tasks: [], removed: [], checkpoint: since, more: rest.docs.length > 0 };
      for (let from = 0; from < part.length; from += PAGE) {
        const docs = part.slice(from, from + PAGE);
        const opened = await Promise.all(docs.map((doc) => (doc._deleted ? Promise.resolve(null) : plainTask(doc, store))));
        docs.forEach((doc, i) => {
          const task = opened[i];
          if (task) out.tasks.push(task);
          else out.removed.push(doc.id);
        });
      }
      const lastDoc = part.at(-1);
      const last = lastDoc && { id: lastDoc.id, lwt: lastDoc._meta.lwt };
      const furthest = last && (!since || isAfter(last, since)) ? last : since && { id: since.id, lwt: since.lwt };
      out.checkpoint = furthest && (out.more ? furthest : { ...furthest, key: rest.lastKey });
      if (out.more && out.checkpoint) rest.from = out.checkpoint;
      else rest = undefined;
      return out;
    },
    close: () => db.close(),
  };
}

/**
 * The newest stored state of each task written after `since`, in the feed's order. From a
 * checkpoint with a log key, every document in the records after it (a record committed later may
 * hold an earlier write time, from another window), except the unchanged ones a compaction wrote
 * again; otherwise the whole log, by write time.
 */
async function changedSince(db: IDBDatabase, api: IndexedDbApi, since: TaskStoreCheckpoint | undefined) {
  const store = db.transaction(LOG_STORE, 'readonly').objectStore(LOG_STORE);
  const after = since?.key === undefined ? undefined : api.IDBKeyRange.lowerBound(since.key, true);
  const [keys, records] = await Promise.all([idbRequest(store.getAllKeys(after)), idbRequest(store.getAll(after))]);
  const latest = new Map<string, Position & { raw: unknown; rewrite: boolean }>();
  for (const record of records) {
    const { docs, rewrite } = decodeLogRecord(record);
    for (const raw of docs) {
      const at = positionOf(raw);
      latest.set(at.id, { ...at, raw, rewrite });
    }
  }
  const changed = [...latest.values()].filter((doc) => !since || (since.key === undefined || doc.rewrite ? isAfter(doc, since) : true));
  const docs = changed.sort(byWrite).map((doc) => StoredTask.parse(doc.raw));
  const lastKey = keys.length ? Number(keys.at(-1)) : since?.key;
  return { docs, from: since as TaskStoreCheckpoint, lastKey };
}

/** The document as RxDB's own feed gives it, its PHI opened. */
async function plainTask(doc: StoredTask, store: TaskStore): Promise<Task> {
  const { [SEALED_FIELD]: sealed, ...plain } = doc;
  if (sealed === undefined) return plain as unknown as Task;
  if (!store.key) throw new ReplicaKeyError('The local replica is encrypted: a key is needed to read it');
  return { ...plain, ...((await open(store.key, sealed, doc.id)) as Record<string, unknown>) } as unknown as Task;
}
