// An RxStorage that holds each collection in memory (RxDB's memory storage) and keeps it in
// IndexedDB as a log of bulk writes: one record per write instead of one per document, which is
// what lets a first sign-in of tens of thousands of tasks fit in seconds
// (docs/first-sign-in-bootstrap.md). A collection an earlier release kept in another layout is
// taken over the first time it opens (`legacy`, dexie-replica-import.ts).
//
// Several windows of one origin may open one replica. Each write holds the replica's lock across
// windows (Web Locks), first applies what other windows appended since its last record, so a
// conflict is found against the latest state, then appends; a BroadcastChannel tells the other
// windows to read the new records. A write resolves, and its change event goes out, only once its
// record is committed.
import { Subject, type Observable, type Subscription } from 'rxjs';
import {
  getPrimaryFieldOfPrimaryKey,
  META_INSTANCE_SCHEMA_TITLE,
  type BulkWriteRow,
  type EventBulk,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { LegacyReplicas } from './dexie-replica-import';
import { idbCommitted, idbRequest } from './idb-request';
import { defaultLocks, type LockRunner } from './locks';
import { decodeLogRecord, encodeLogRecord, LOG_STORE as STORE, logDatabaseName, PINNED_STORE as PINNED } from './log-layout';

type Doc = RxDocumentData<Record<string, unknown>>;
type Bulk = EventBulk<RxStorageChangeEvent<Doc>, unknown>;
type Instance = RxStorageInstance<Doc, unknown, unknown>;
/** One record of the log: the documents one write stored, or (`rewrite`) a chunk of a compaction. */
interface LogRecord {
  docs: Doc[];
  rewrite?: true;
}

export interface LogStorageOptions {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Defaults to Web Locks; where there are none, a lock of this page only (one window per replica). */
  lock?: LockRunner;
  /** The log is rewritten once it holds this many documents more than twice the live ones (default 5,000). */
  compactSlack?: number;
  /** Where earlier releases kept the same collections: taken over, then removed, at their first open here. */
  legacy?: LegacyReplicas;
}

/** The legacy collections taken over, by name: one is never taken twice, even when its removal did not happen. */
const TAKEN = 'taken';
/** Documents per record when the log is rewritten, and per step of a collection's load. */
const CHUNK = 5_000;
/** Documents per step of a load in the background: short tasks, so other work rarely waits on one. */
const BACKGROUND_CHUNK = 1_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface TaskScheduler {
  postTask(task: () => void, options: { priority: 'background' }): Promise<void>;
}
/** After every other task of the page: Chromium's scheduler runs background tasks last. */
const backgroundTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  return scheduler ? scheduler.postTask(() => undefined, { priority: 'background' }) : nextTask();
};

/** What a log storage writes with, for a writer of its logs outside it (sync/bootstrap.ts). */
export interface LogStorageParts {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
  lock: LockRunner;
}
const PARTS = Symbol('baton-log-storage-parts');

/** The log storage's parts, when `storage` is one (or wraps one, as the encryption does by copying it). */
export function logStoragePartsOf(storage: RxStorage<unknown, unknown>): LogStorageParts | undefined {
  return (storage as { [PARTS]?: LogStorageParts })[PARTS];
}

let opened = 0;

export function getRxStorageLog(options: LogStorageOptions = {}): RxStorage<unknown, unknown> {
  const memory = getRxStorageMemory();
  const idb = options.indexedDB ?? globalThis.indexedDB;
  const KeyRange = options.IDBKeyRange ?? globalThis.IDBKeyRange;
  const lock = options.lock ?? defaultLocks();
  const compactSlack = options.compactSlack ?? CHUNK;
  const parts: LogStorageParts = { indexedDB: idb, IDBKeyRange: KeyRange, lock };
  const storage: RxStorage<unknown, unknown> = {
    name: 'baton-log',
    rxdbVersion: memory.rxdbVersion,
    async createStorageInstance(params) {
      const instance = new LogInstance(params as RxStorageInstanceCreationParams<Doc, unknown>, {
        memory,
        idb,
        KeyRange,
        lock,
        compactSlack,
        legacy: options.legacy,
      });
      await instance.open();
      return instance as never;
    },
  };
  return Object.assign(storage, { [PARTS]: parts });
}

interface Parts {
  memory: ReturnType<typeof getRxStorageMemory>;
  idb: IDBFactory;
  KeyRange: typeof IDBKeyRange;
  lock: LockRunner;
  compactSlack: number;
  legacy?: LegacyReplicas;
}

class LogInstance implements Instance {
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schema: Instance['schema'];
  readonly options: Readonly<Record<string, never>>;
  readonly internals = {};
  private readonly logName: string;
  private readonly primary: string;
  private readonly changes = new Subject<Bulk>();
  private state!: Instance;
  private stateEvents?: Subscription;
  private log!: IDBDatabase;
  private channel?: BroadcastChannel;
  /** The key of the newest record applied to the memory state. */
  private appliedKey = 0;
  /** Documents in the log's records, to know when rewriting it pays. */
  private logged = 0;
  /** Events of a write, held until its record is committed; null when nothing is held. */
  private held: Bulk[] | null = null;
  /** This window's reads of the log and writes, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /**
   * The replication's bookkeeping (its meta instance): a row per document, each with the server's
   * state of it, and the replication's checkpoints. Its open reads the checkpoints alone; the other
   * rows load at their first use (a document to pull or push), in the background, so a start with
   * nothing to sync never reads them and a large replica's board and dashboard never wait on them.
   * The collections load whole at their open, since the board waits for them.
   */
  private readonly bookkeeping: boolean;
  /** The memory state holds the log (not only the checkpoints). */
  private loaded = false;
  /** Between the chunks of a load. */
  private readonly pause: () => Promise<void>;
  private readonly loadChunk: number;

  constructor(
    private readonly params: RxStorageInstanceCreationParams<Doc, unknown>,
    private readonly parts: Parts,
  ) {
    this.databaseName = params.databaseName;
    this.collectionName = params.collectionName;
    this.schema = params.schema;
    this.options = {};
    this.primary = getPrimaryFieldOfPrimaryKey<Doc>(params.schema.primaryKey);
    this.logName = logDatabaseName(params.databaseName, params.collectionName, params.schema.version);
    this.bookkeeping = params.schema.title === META_INSTANCE_SCHEMA_TITLE;
    this.pause = this.bookkeeping ? backgroundTask : nextTask;
    this.loadChunk = this.bookkeeping ? BACKGROUND_CHUNK : CHUNK;
  }

  /** A checkpoint of the replication's bookkeeping (RxDB's meta rows: id `<direction>|1`). */
  private isPinned(doc: Doc): boolean {
    return this.bookkeeping && doc.isCheckpoint === '1';
  }
  private isPinnedId(id: string): boolean {
    return this.bookkeeping && id.endsWith('|1');
  }
  /** Documents for the log, and checkpoints for the store beside it. */
  private splitPinned(docs: Doc[]): { logged: Doc[]; pinned: Doc[] } {
    const pinned = docs.filter((doc) => this.isPinned(doc));
    return { logged: pinned.length ? docs.filter((doc) => !this.isPinned(doc)) : docs, pinned };
  }
  private putPinned(tx: IDBTransaction, pinned: Doc[]): void {
    for (const doc of pinned) tx.objectStore(PINNED).put(doc, String(doc[this.primary]));
  }

  async open(): Promise<void> {
    const req = this.parts.idb.open(this.logName, 3);
    req.onupgradeneeded = () => {
      const stores = req.result.objectStoreNames;
      if (!stores.contains(STORE)) req.result.createObjectStore(STORE, { autoIncrement: true });
      if (!stores.contains(TAKEN)) req.result.createObjectStore(TAKEN);
      if (!stores.contains(PINNED)) req.result.createObjectStore(PINNED);
    };
    this.log = await idbRequest(req);
    // Removing the replica elsewhere must not wait on this window.
    this.log.onversionchange = () => this.log.close();
    // Under the lock: another window opening the same collection takes nothing over twice.
    await this.parts.lock(this.logName, async () => {
      await this.takeOver();
      await this.load(!this.bookkeeping);
    });
    // Opened with one window too: a first sign-in's bootstrap (sync/bootstrap.ts) writes from a worker.
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(this.logName);
      // Under the lock as well: the bookkeeping reads its log a record at a time, and no other
      // window may rewrite the log between two of those reads.
      this.channel.onmessage = () => void this.serial(() => this.parts.lock(this.logName, () => this.catchUp()));
    }
  }

  /**
   * Appends an earlier release's copy of this collection to the log, and records it as taken in
   * the same transaction, then removes it. A removal that did not happen is done at the next open.
   */
  private async takeOver(): Promise<void> {
    const { databaseName, collectionName, schema } = this.params;
    const legacy = await this.parts.legacy?.({ databaseName, collectionName, schema });
    if (!legacy) return;
    const tx = this.log.transaction([STORE, TAKEN, PINNED], 'readwrite');
    const taken = tx.objectStore(TAKEN);
    if ((await idbRequest(taken.getKey(legacy.name))) === undefined) {
      const { logged, pinned } = this.splitPinned(legacy.docs);
      for (let from = 0; from < logged.length; from += CHUNK) tx.objectStore(STORE).add(encodeLogRecord(logged.slice(from, from + CHUNK)));
      this.putPinned(tx, pinned);
      taken.put(Date.now(), legacy.name);
    }
    await idbCommitted(tx);
    await legacy.remove();
  }

  /**
   * The log's records in `range` (all of them without one): the newest state of each document in
   * them, how many documents they hold, and the last record's key (undefined when there is none).
   */
  private async readLog(range?: IDBKeyRange): Promise<{ latest: Map<string, Doc>; docs: number; lastKey?: number }> {
    const latest = new Map<string, Doc>();
    let docs = 0;
    let sinceYield = 0;
    const { keys, records } = await this.records(range);
    for await (const record of records) {
      // Other work of the page goes on between the records of a large log.
      if (sinceYield >= this.loadChunk) {
        sinceYield = 0;
        await this.pause();
      }
      const stored = decodeLogRecord(record).docs as Doc[];
      docs += stored.length;
      sinceYield += stored.length;
      for (const doc of stored) latest.set(String(doc[this.primary]), doc);
    }
    return { latest, docs, lastKey: keys.at(-1) };
  }

  /**
   * The keys and records of a range of the log: read at once, or for the bookkeeping in the
   * background one at a time, each after a pause, so no single task of the page reads (and
   * IndexedDB copies into it) the whole of a large log.
   */
  private async records(range: IDBKeyRange | undefined): Promise<{ keys: number[]; records: AsyncIterable<unknown> | unknown[] }> {
    const store = () => this.log.transaction(STORE, 'readonly').objectStore(STORE);
    if (!this.bookkeeping) {
      const all = store();
      const [keys, records] = await Promise.all([idbRequest(all.getAllKeys(range)), idbRequest(all.getAll(range))]);
      return { keys: keys as number[], records };
    }
    const keys = (await idbRequest(store().getAllKeys(range))) as number[];
    const pause = this.pause;
    async function* oneByOne(): AsyncGenerator<unknown> {
      for (const key of keys) {
        await pause();
        yield await idbRequest(store().get(key));
      }
    }
    return { keys, records: oneByOne() };
  }

  /** The key of the log's last record (0 when it has none). */
  private async lastLogKey(): Promise<number> {
    const cursor = await idbRequest(this.log.transaction(STORE, 'readonly').objectStore(STORE).openKeyCursor(null, 'prev'));
    return cursor ? Number(cursor.key) : 0;
  }

  /** The replication's checkpoints as stored (none for a collection). */
  private async pinnedRows(): Promise<Doc[]> {
    if (!this.bookkeeping) return [];
    return (await idbRequest(this.log.transaction(PINNED, 'readonly').objectStore(PINNED).getAll())) as Doc[];
  }

  /**
   * A new memory state holding the checkpoints, and with `withLog` the log (up to record `upTo`:
   * the records after it are then applied as another window's, their events sent).
   */
  private async load(withLog: boolean, upTo?: number): Promise<void> {
    const { latest, docs, lastKey } = withLog
      ? await this.readLog(upTo === undefined ? undefined : this.parts.KeyRange.upperBound(upTo))
      : { latest: new Map<string, Doc>(), docs: 0, lastKey: undefined };
    for (const doc of await this.pinnedRows()) latest.set(String(doc[this.primary]), doc);
    this.stateEvents?.unsubscribe();
    const before = this.state as Instance | undefined;
    // A memory state of its own: the memory storage shares one per name within a page.
    this.state = (await this.parts.memory.createStorageInstance({
      ...(this.params as Parameters<Parts['memory']['createStorageInstance']>[0]),
      databaseName: `${this.params.databaseName}-log-${++opened}`,
    })) as unknown as Instance;
    // A chunk at a time, each one's index entries made before the next (RxDB's memory storage makes
    // them at the next read or write): a large replica's first query is then no single long task
    // that holds the page, and what else the page does at its start goes on between chunks.
    const rows = [...latest.values()].map((document) => ({ document }));
    for (let from = 0; from < rows.length; from += this.loadChunk) {
      if (from) await this.pause();
      await this.state.bulkWrite(rows.slice(from, from + this.loadChunk), 'baton-log-load');
      await this.state.findDocumentsById([], true);
    }
    this.stateEvents = this.state.changeStream().subscribe((bulk) => (this.held ? this.held.push(bulk) : this.changes.next(bulk)));
    // Removed, not closed: RxDB's memory storage keeps a closed state in a module-wide map for good.
    await before?.remove().catch(() => undefined);
    // Without the log, what other windows append from now on is theirs.
    this.appliedKey = withLog ? (lastKey ?? upTo ?? 0) : await this.lastLogKey();
    this.logged = docs;
    this.loaded = withLog;
  }

  /** Loads the log into a bookkeeping instance opened with its checkpoints alone (once). */
  private async ensureLoaded(): Promise<void> {
    if (this.loaded) return;
    await this.serial(() =>
      this.parts.lock(this.logName, async () => {
        if (!this.loaded) await this.loadUpToApplied();
      }),
    );
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => (this.closed ? (undefined as T) : fn()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The log up to the last record applied, then what other windows appended since, with its events. */
  private async loadUpToApplied(): Promise<void> {
    await this.load(true, this.appliedKey);
    await this.catchUp();
  }

  /** Applies the records (and checkpoints) other windows stored since ours; their events go out at once. */
  private async catchUp(): Promise<void> {
    const { latest, docs, lastKey } = await this.readLog(
      this.appliedKey ? this.parts.KeyRange.lowerBound(this.appliedKey, true) : undefined,
    );
    // Holding only the checkpoints: the rows before these first, so their events say what changed.
    if (!this.loaded && lastKey !== undefined) await this.load(true, this.appliedKey);
    for (const doc of await this.pinnedRows()) latest.set(String(doc[this.primary]), doc);
    if (!latest.size) return;
    const current = new Map((await this.state.findDocumentsById([...latest.keys()], true)).map((doc) => [String(doc[this.primary]), doc]));
    const rows: BulkWriteRow<Doc>[] = [];
    for (const [id, document] of latest) {
      const previous = current.get(id);
      // A compaction writes every document again: the ones this window holds already change nothing.
      if (previous && previous._rev === document._rev && previous._meta.lwt === document._meta.lwt) continue;
      rows.push(previous ? { previous, document } : { document });
    }
    this.held = [];
    try {
      if (rows.length) await this.state.bulkWrite(rows, 'baton-log-other-window');
    } catch (error) {
      this.held = null;
      throw error;
    }
    this.appliedKey = lastKey ?? this.appliedKey;
    this.logged += docs;
    this.release();
  }

  /**
   * Sends the events held, each bulk's checkpoint marked with the log's newest record it is in
   * (`logKey`): a reader of the log that saw these events knows it need not read that far again.
   */
  private release(): void {
    const events = this.held ?? [];
    this.held = null;
    for (const bulk of events) this.changes.next({ ...bulk, checkpoint: { ...(bulk.checkpoint as object), logKey: this.appliedKey } });
  }

  bulkWrite(rows: BulkWriteRow<Doc>[], context: string): Promise<RxStorageBulkWriteResponse<Doc>> {
    return this.serial(() =>
      this.parts.lock(this.logName, async () => {
        // A document's row of the bookkeeping is checked against the stored one: the log is read first.
        if (!this.loaded && rows.some((row) => !this.isPinned(row.document))) await this.load(true, this.appliedKey);
        await this.catchUp();
        this.held = [];
        let result: RxStorageBulkWriteResponse<Doc>;
        try {
          result = await this.state.bulkWrite(rows, context);
          const failed = new Set(result.error.map((error) => error.documentId));
          const written = rows.filter((row) => !failed.has(String(row.document[this.primary]))).map((row) => row.document);
          const { logged, pinned } = this.splitPinned(written);
          if (written.length) await this.append([{ docs: logged }], false, pinned);
        } catch (error) {
          // The memory state may hold what the log does not: read it again from the log.
          this.held = null;
          await this.load(this.loaded);
          throw error;
        }
        this.release();
        if (this.loaded && this.logged > 2 * this.documents().size + this.parts.compactSlack) await this.compact();
        return result;
      }),
    );
  }

  /** The memory state's documents by id, deleted ones included (RxDB's memory storage keeps them there). */
  private documents(): Map<string, Doc> {
    return (this.state.internals as { documents: Map<string, Doc> }).documents;
  }

  /**
   * Appends records (or, with `replace`, rewrites the log as them), stores checkpoints `pinned`, in
   * one transaction, and tells the other windows.
   */
  private async append(records: LogRecord[], replace: boolean, pinned: Doc[] = []): Promise<void> {
    const tx = this.log.transaction(pinned.length ? [STORE, PINNED] : STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    if (replace) store.clear();
    this.putPinned(tx, pinned);
    const keys = records
      .filter((record) => record.docs.length)
      .map((record) => idbRequest(store.add(encodeLogRecord(record.docs, record.rewrite))) as Promise<number>);
    await idbCommitted(tx);
    this.appliedKey = (await keys[keys.length - 1]) ?? this.appliedKey;
    const docs = records.reduce((sum, record) => sum + record.docs.length, 0);
    this.logged = replace ? docs : this.logged + docs;
    this.channel?.postMessage(this.appliedKey);
  }

  /** Rewrites the log as the current documents, in chunks (this window is current: it holds the lock). */
  private async compact(): Promise<void> {
    const docs = [...this.documents().values()].filter((doc) => !this.isPinned(doc));
    const records: LogRecord[] = [];
    for (let from = 0; from < docs.length; from += CHUNK) records.push({ docs: docs.slice(from, from + CHUNK), rewrite: true });
    await this.append(records, true);
  }

  async findDocumentsById(ids: string[], withDeleted: boolean): Promise<Doc[]> {
    if (!ids.every((id) => this.isPinnedId(id))) await this.ensureLoaded();
    return this.state.findDocumentsById(ids, withDeleted);
  }
  async query(preparedQuery: Parameters<Instance['query']>[0]): ReturnType<Instance['query']> {
    await this.ensureLoaded();
    return this.state.query(preparedQuery);
  }
  async count(preparedQuery: Parameters<Instance['count']>[0]): ReturnType<Instance['count']> {
    await this.ensureLoaded();
    return this.state.count(preparedQuery);
  }
  async getAttachmentData(documentId: string, attachmentId: string, digest: string): ReturnType<Instance['getAttachmentData']> {
    await this.ensureLoaded();
    return this.state.getAttachmentData(documentId, attachmentId, digest);
  }
  // No getChangedDocumentsSince: the memory state has none, and RxDB then reads changes by query.
  changeStream(): Observable<Bulk> {
    return this.changes.asObservable();
  }
  /** Purges deleted documents, from memory and, by rewriting it, from the log. */
  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return this.serial(() =>
      this.parts.lock(this.logName, async () => {
        if (!this.loaded) await this.load(true, this.appliedKey);
        await this.catchUp();
        const before = this.documents().size;
        const clean = await this.state.cleanup(minimumDeletedTime);
        if (this.documents().size < before) await this.compact();
        return clean;
      }),
    );
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      this.closed = true;
      this.channel?.close();
      this.stateEvents?.unsubscribe();
      this.changes.complete();
      this.log.close();
      // The memory state has a name of its own: removing it frees its documents.
      await this.state.remove();
    });
  }

  async remove(): Promise<void> {
    if (this.closed) throw new Error(`${this.logName} is closed`);
    await this.close();
    await idbRequest(this.parts.idb.deleteDatabase(this.logName));
  }
}
