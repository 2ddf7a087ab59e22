// A fresh replica's first sign-in: the tasks the person may read come as pages of the pull and go
// straight into the log storage (log-storage.ts), one record of documents and one of the
// replication's bookkeeping rows per page, then its checkpoints; RxDB's replication then goes on
// from those checkpoints. That skips RxDB's per-document protocol (reads, revisions, events per
// bulk), and in a worker (bootstrap.worker.ts) the sealing, encoding and IndexedDB work leave the
// board's thread: the board's window takes each page in as another window's write.
//
// What RxDB's own first sync would write, and the bootstrap writes the same (bootstrap.test.ts
// compares the two): a document as pulled with `_meta.lwt`, `_rev` `1-<database token>` and no
// attachments; a bookkeeping row `<id>|0` holding the pulled document (RxDB's "assumed server
// state", the base a later push is checked against); checkpoints `down|1` (the pull's) and `up|1`
// (the replica's change feed, from which edits are pushed).
import { z } from 'zod';
import { PullResponse, REPLICATION_HEADER } from '../../shared/wire';
import { idbCommitted, idbRequest, openExistingDatabase } from '../db/idb-request';
import { decodeLogRecord, encodeLogRecord, LOG_STORE, PINNED_STORE } from '../db/log-layout';
import type { LockRunner } from '../db/locks';
import { seal, SEALED_FIELD, splitPhi } from '../db/phi-cipher';

/** What the bootstrap needs to know of the replica and the server (posted to the worker). */
export const BootstrapPlan = z.object({
  /** The tasks' pull: `<server>/api/sync/tasks/pull`. */
  pullUrl: z.string().min(1),
  token: z.string().min(1),
  /** The log databases of the tasks collection and of its replication's bookkeeping. */
  forkLog: z.string().min(1),
  metaLog: z.string().min(1),
  /** The database's token: RxDB's revision of a document it inserts. */
  databaseToken: z.string().min(1),
  /** The replication's checkpoint key: RxDB's revision of its bookkeeping rows. */
  checkpointKey: z.string().min(1),
  /** The fields sealed at rest (none without a key). */
  sealedFields: z.array(z.string()),
  /**
   * RxDB's time on the board's thread as the bootstrap began. Documents get earlier write times,
   * and the change feed's checkpoint is this time: whatever the person writes from now on comes
   * after it and is pushed, and nothing the bootstrap wrote is.
   */
  since: z.number().positive(),
  /** Documents of the first page (small: the board shows it) and of the others. */
  firstPage: z.number().int().positive(),
  page: z.number().int().positive(),
});
export type BootstrapPlan = z.infer<typeof BootstrapPlan>;

export const BootstrapOutcome = z.object({
  /**
   * done: every page is in, the replication goes on from the checkpoints. skipped: the replica is
   * not fresh. reset: the server's database was restored meanwhile. unauthorized: the token was
   * refused. The replication takes over in every case, from whatever checkpoints were stored.
   */
  outcome: z.enum(['done', 'skipped', 'reset', 'unauthorized']),
  documents: z.number().int().nonnegative(),
});
export type BootstrapOutcome = z.infer<typeof BootstrapOutcome>;

export interface BootstrapEnv {
  fetch: typeof fetch;
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
  /** The log storage's own lock (Web Locks across windows and workers). */
  lock: LockRunner;
}

type Doc = Record<string, unknown>;

/**
 * How far before `since` the first document's write time is: room for 10^9 documents at RxDB's
 * step, so every one of them stays before `since`.
 */
const WRITE_TIME_ROOM_MS = 10_000_000;
/** RxDB's step between two write times (rxdb `now()`). */
const WRITE_TIME_STEP = 0.01;

async function addRecord(db: IDBDatabase, docs: Doc[]): Promise<number> {
  const tx = db.transaction(LOG_STORE, 'readwrite');
  const key = idbRequest(tx.objectStore(LOG_STORE).add(encodeLogRecord(docs)));
  await idbCommitted(tx);
  return Number(await key);
}

/** A document as the encrypted storage stores it: its PHI sealed in one blob bound to its id. */
async function storedForm(doc: Doc, key: CryptoKey | null, fields: readonly string[]): Promise<Doc> {
  const { clear, phi } = splitPhi(doc, key ? fields : []);
  clear._deleted = doc._deleted === true;
  if (phi && key) clear[SEALED_FIELD] = await seal(key, phi, String(doc.id));
  return clear;
}

type Page = { ok: true; body: PullResponse } | { ok: false; outcome: 'unauthorized' };

/** `promise`, or a rejection once `signal` aborts. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new DOMException('The bootstrap was stopped', 'AbortError')), { once: true }),
    ),
  ]);
}

/** Stopped by `signal` between two steps: a page half written is as a crash leaves it (above). */
export async function bootstrapTasks(
  plan: BootstrapPlan,
  key: CryptoKey | null,
  env: BootstrapEnv,
  signal?: AbortSignal,
): Promise<BootstrapOutcome> {
  const fork = await openExistingDatabase(env.indexedDB, plan.forkLog);
  const meta = await openExistingDatabase(env.indexedDB, plan.metaLog);
  const notify = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(plan.forkLog);
  try {
    // The replica opened both (database.ts, bootstrap-start.ts): missing means it is not ours to fill.
    if (!fork || !meta) return { outcome: 'skipped', documents: 0 };
    const fresh =
      (await env.lock(plan.forkLog, () => idbRequest(fork.transaction(LOG_STORE).objectStore(LOG_STORE).count()))) === 0 &&
      (await idbRequest(meta.transaction(PINNED_STORE).objectStore(PINNED_STORE).getKey('down|1'))) === undefined;
    if (!fresh) return { outcome: 'skipped', documents: 0 };

    const fetchPage = async (checkpoint: string | null, limit: number): Promise<Page> => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (checkpoint !== null) query.set('checkpoint', checkpoint);
      const response = await env.fetch(`${plan.pullUrl}?${query}`, {
        headers: { authorization: `Bearer ${plan.token}`, [REPLICATION_HEADER]: '1' },
        signal,
      });
      if (response.status === 401) return { ok: false, outcome: 'unauthorized' };
      if (!response.ok) throw new Error(`HTTP ${response.status} on the bootstrap's pull`);
      return { ok: true, body: PullResponse.parse(await response.json()) };
    };

    let writeTime = plan.since - WRITE_TIME_ROOM_MS;
    /** The change feed's checkpoint: before every write of another window seen meanwhile (the person's edits). */
    let changesFrom = plan.since;
    /** Tasks the person wrote meanwhile: their version stays, with the server state it was made on. */
    const edited = new Set<string>();
    /** The newest log record this bootstrap read or wrote. */
    let seen = 0;
    let checkpointRev = 0;
    let documents = 0;
    let size = plan.firstPage;
    let next = fetchPage(null, size);
    // Awaited below; a page fetched ahead of a stop must not count as unhandled.
    next.catch(() => undefined);
    for (;;) {
      const page = await unlessAborted(next, signal);
      if (!page.ok) return { outcome: page.outcome, documents };
      const { body } = page;
      if (body.reset) return { outcome: 'reset', documents };
      const last = body.checkpoint === null || body.documents.length < size;
      size = plan.page;
      // The next page travels while this one is sealed and written.
      if (!last) {
        next = fetchPage(body.checkpoint, size);
        next.catch(() => undefined);
      }
      const stored = await Promise.all(body.documents.map((doc) => storedForm(doc, key, plan.sealedFields)));
      signal?.throwIfAborted();
      if (stored.length) {
        const written = await env.lock(plan.forkLog, async () => {
          // What another writer (the person, in this window or another) stored since our last record.
          const after = env.IDBKeyRange.lowerBound(seen, true);
          for (const record of await idbRequest(fork.transaction(LOG_STORE).objectStore(LOG_STORE).getAll(after))) {
            const { docs, rewrite } = decodeLogRecord(record);
            for (const doc of docs as { id: string; _meta: { lwt: number } }[]) {
              // A compaction writes every document again: only the ones written since we began are edits.
              if (rewrite && doc._meta.lwt < plan.since) continue;
              edited.add(doc.id);
              changesFrom = Math.min(changesFrom, doc._meta.lwt);
            }
          }
          const docs = stored.filter((doc) => !edited.has(String(doc.id)));
          if (!docs.length) return undefined;
          const rows: Doc[] = [];
          const forkDocs: Doc[] = [];
          for (const doc of docs) {
            writeTime += WRITE_TIME_STEP;
            rows.push({
              id: `${String(doc.id)}|0`,
              isCheckpoint: '0',
              itemId: doc.id,
              docData: doc,
              _attachments: {},
              _deleted: false,
              _rev: `1-${plan.checkpointKey}`,
              _meta: { lwt: writeTime },
            });
            forkDocs.push({ ...doc, _meta: { lwt: writeTime }, _rev: `1-${plan.databaseToken}`, _attachments: {} });
          }
          // The bookkeeping first: a crash between the two leaves rows whose documents the
          // replication pulls again (a row without its document is written over), never a document
          // without its row, which RxDB would take for an edit of the person's and push.
          await env.lock(plan.metaLog, () => addRecord(meta, rows));
          seen = await addRecord(fork, forkDocs);
          return docs.length;
        });
        if (written) notify?.postMessage(seen);
        documents += written ?? 0;
      }
      // Then the checkpoints, so a start after a crash goes on from the last page written.
      if (body.checkpoint !== null) {
        checkpointRev++;
        const checkpoint = (itemId: string, checkpointData: unknown) => ({
          id: `${itemId}|1`,
          isCheckpoint: '1',
          itemId,
          checkpointData,
          _attachments: {},
          _deleted: false,
          _rev: `${checkpointRev}-${plan.checkpointKey}`,
          _meta: { lwt: plan.since },
        });
        await env.lock(plan.metaLog, async () => {
          const tx = meta.transaction(PINNED_STORE, 'readwrite');
          tx.objectStore(PINNED_STORE).put(checkpoint('down', { cp: body.checkpoint }), 'down|1');
          tx.objectStore(PINNED_STORE).put(checkpoint('up', { id: '', lwt: changesFrom }), 'up|1');
          await idbCommitted(tx);
        });
      }
      if (last) return { outcome: 'done', documents };
    }
  } finally {
    notify?.close();
    fork?.close();
    meta?.close();
  }
}
