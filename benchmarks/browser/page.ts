// The bench page: a fresh workstation replica in Chromium (the renderer's own database on Dexie,
// with the app's settings) doing its initial replication, from the Baton server with the
// renderer's replication client or from the websocket reference server with RxDB's client.
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openBatonDatabase, type BatonDatabase, type OpenDatabaseOptions } from '../../renderer/db/database';
import { startSync } from '../../renderer/sync/replication';
import { workerBootstrap } from '../../renderer/sync/bootstrap-start';
import { BOOTSTRAP_WORKER } from './worker-path';
import { TASK_SORT } from '../../renderer/features/board/board-queries';
import { startReferenceSync } from '../lib/reference-client';
import { requestUrl } from '../../tests/support/request-url';

export interface PageInput {
  mode: 'baton' | 'reference';
  token: string;
  userId: string;
  wsUrl?: string;
  /** Tasks the server holds for this user. */
  expected: number;
  batchSize: number;
  /** Pulled documents not yet written that a pull may go ahead of (renderer/sync/pull-pace.ts; default the app's). */
  pullAhead?: number;
  /** A full board column: this many tasks of one status, sorted by due date. */
  boardPage: number;
  /** Records a timeline of requests and first writes (diagnostics). */
  trace?: boolean;
  /** PHI encryption at rest: Baton's AES-GCM wrapper, RxDB's crypto-js wrapper, or none (default). */
  encryption?: 'none' | 'aes-gcm' | 'crypto-js';
  /** After replication: reopen the replica and time one full read of it (what a search scans). */
  scan?: boolean;
  /**
   * The client's storage: the app's (default: the log storage, persisting writes rather than
   * documents, renderer/db/log-storage.ts); RxDB's Dexie, which releases before it used; or RxDB's
   * memory storage, a lower bound of the storage's share.
   */
  storage?: 'dexie' | 'memory' | 'log';
}

export interface PageOutput {
  /** Opening the database (IndexedDB) before replication starts. */
  openMs: number;
  /** From the start of replication until the board's first column query returns a full page. */
  firstUsableMs: number;
  /** From the start of replication until every task is in the replica (awaitInSync, then counted). */
  inSyncMs: number;
  /** Baton only: when the last pull of tasks answered (the server's part of the work). */
  transferMs?: number;
  count: number;
  /** With `scan`: reading every task of the reopened replica through RxDB (decrypting, when encrypted). */
  scanMs?: number;
  /** With `scan`: opening the replica again until the board's first column page is read (the next start). */
  reopenMs?: number;
  errors: string[];
  trace?: string[];
}

const BENCH_KEY = '5e'.repeat(32);

function databaseOptions(input: PageInput): OpenDatabaseOptions {
  const options: OpenDatabaseOptions = { userId: input.userId };
  if (input.storage === 'memory') Object.assign(options, { storage: getRxStorageMemory(), multiInstance: false });
  if (input.storage === 'dexie') options.storage = getRxStorageDexie();
  if (!input.encryption || input.encryption === 'none') return options;
  options.encryptionKey = BENCH_KEY;
  if (input.encryption === 'crypto-js') {
    options.encryptStorage = (storage) => wrappedKeyEncryptionCryptoJsStorage<unknown, unknown>({ storage });
  }
  return options;
}

/** The board's first column page: `boardPage` tasks of one status, by due date. */
const boardColumn = (db: BatonDatabase, input: PageInput) =>
  db.tasks.find({ selector: { status: 'new' }, sort: TASK_SORT, limit: input.boardPage });

/**
 * The next start: a new database object on the stored replica (so no RxDB cache answers), timed
 * until the board's first column page is there, then one cold read of every task.
 */
async function timeScan(input: PageInput): Promise<{ reopenMs: number; scanMs: number }> {
  const opening = performance.now();
  const db = await openBatonDatabase(databaseOptions(input));
  await boardColumn(db, input).exec();
  const reopenMs = performance.now() - opening;
  const start = performance.now();
  const docs = await db.tasks.find().exec();
  const hits = docs.filter((d) => d.patientRef.includes('MRN 1002')).length;
  const scanMs = performance.now() - start;
  await db.close();
  if (!hits) throw new Error('scan: no patient reference matched');
  if (docs.length < input.expected) throw new Error(`scan: the reopened replica holds ${docs.length} of ${input.expected} tasks`);
  return { reopenMs, scanMs };
}

async function runBench(input: PageInput): Promise<PageOutput> {
  const errors: string[] = [];
  const t0 = performance.now();
  const db = await openBatonDatabase(databaseOptions(input));
  const openMs = performance.now() - t0;

  const start = performance.now();
  const trace: string[] = [];
  const mark = (what: string) => input.trace && trace.push(`${(performance.now() - start).toFixed(0).padStart(6)} ${what}`);
  let transferMs: number | undefined;
  const timedFetch: typeof fetch = async (input, init) => {
    const url = requestUrl(input);
    mark(`> ${url.slice(0, 70)}`);
    const response = await fetch(input, init);
    if (url.includes('/tasks/pull')) transferMs = performance.now() - start;
    mark(`< ${response.status} ${url.slice(0, 40)}`);
    return response;
  };
  if (input.trace) {
    let inserted = 0;
    db.tasks.insert$.subscribe(() => {
      inserted++;
      if (inserted === 1 || inserted % 1000 === 0) mark(`inserted ${inserted}`);
    });
  }
  // Usable once the board's first column page and the practice configuration (its queue views,
  // task types, staff names) are both in the replica.
  let firstUsable = NaN;
  let columnAt = NaN;
  let configAt = NaN;
  const usable = () => {
    if (!Number.isNaN(firstUsable) || Number.isNaN(columnAt) || Number.isNaN(configAt)) return;
    firstUsable = Math.max(columnAt, configAt);
    mark('first usable');
  };
  const board = boardColumn(db, input).$.subscribe((docs) => {
    if (Number.isNaN(columnAt) && docs.length >= input.boardPage) {
      columnAt = performance.now() - start;
      usable();
    }
  });
  const config = db.config.count().$.subscribe((count) => {
    if (Number.isNaN(configAt) && count > 0) {
      configAt = performance.now() - start;
      usable();
    }
  });
  let stop: () => Promise<void>;
  if (input.mode === 'baton') {
    const sync = startSync(db, {
      serverUrl: '',
      getToken: () => input.token,
      pullBatchSize: input.batchSize,
      pullAhead: input.pullAhead,
      fetch: timedFetch,
      // The app's worker (vite bundles it there; here the bench bundles it beside the page).
      bootstrap: workerBootstrap(() => new Worker(`/${BOOTSTRAP_WORKER}`, { type: 'module' })),
    });
    Object.values(sync.replications).forEach((r) => r.error$.subscribe((e) => errors.push(String(e?.message ?? e))));
    await sync.awaitInSync();
    stop = sync.stop;
  } else {
    const sync = await startReferenceSync(db, input.wsUrl!, input.batchSize);
    sync.replications.forEach((r) => r.error$.subscribe((e) => errors.push(String(e?.message ?? e))));
    await sync.awaitInSync();
    stop = sync.stop;
  }
  let count = await db.tasks.count().exec();
  // awaitInSync can resolve between two pulls of a live stream; make sure every task is here.
  while (count < input.expected && performance.now() - start < 60_000) {
    await new Promise((r) => setTimeout(r, 20));
    count = await db.tasks.count().exec();
  }
  const inSyncMs = performance.now() - start;
  const transfer = transferMs !== undefined && transferMs < inSyncMs ? { transferMs } : {};
  board.unsubscribe();
  config.unsubscribe();
  await stop();
  await db.close();
  const scan = input.scan ? await timeScan(input) : {};
  return {
    openMs,
    firstUsableMs: firstUsable,
    inSyncMs,
    ...transfer,
    count,
    ...scan,
    errors: errors.slice(0, 5),
    ...(input.trace ? { trace } : {}),
  };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
(globalThis as unknown as { benchReady: boolean }).benchReady = true;

/**
 * Calibration: how fast this browser's IndexedDB takes the same documents without RxDB, one
 * object store with indexes like the tasks collection's, 1,000 puts per transaction.
 */
async function rawIndexedDbPut(docs: Record<string, unknown>[]): Promise<number> {
  const name = `calibration-${Math.random().toString(36).slice(2)}`;
  const db: IDBDatabase = await new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore('docs', { keyPath: 'id' });
      store.createIndex('deleted_lwt', ['_deleted', '_meta.lwt', 'id']);
      store.createIndex('status_due', ['_deleted', 'status', 'dueAt', 'id']);
      store.createIndex('pending', ['_deleted', 'pendingSync', 'id']);
      store.createIndex('owner_status', ['_deleted', 'ownerId', 'status', 'id']);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
  const start = performance.now();
  for (let from = 0; from < docs.length; from += 1000) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('docs', 'readwrite');
      const store = tx.objectStore('docs');
      for (const doc of docs.slice(from, from + 1000)) store.put(doc);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    });
  }
  const ms = performance.now() - start;
  db.close();
  indexedDB.deleteDatabase(name);
  return ms;
}
(globalThis as unknown as { rawIndexedDbPut: typeof rawIndexedDbPut }).rawIndexedDbPut = rawIndexedDbPut;
