// Documents kept for offline use: one IndexedDB database per person beside their replica. Each
// document's bytes are sealed with AES-GCM under the person's replica key and bound to its task and
// id, so the browser profile holds nothing readable without their PIN or password. Only ids, type,
// size and time are stored in clear (no name: a file name can be PHI). Beside them, the outbox of
// views read from a kept copy while offline (ids and times only), sent to the server's audit record
// when the connection is back (features/attachments/offline-views.ts).
import { idbCommitted, idbFailure, idbRequest } from './idb-request';
import { openBytes, sealBytes } from './phi-cipher';

export interface CachedDocument {
  attachmentId: string;
  taskId: string;
  contentType: string;
  size: number;
  cachedAt: string;
}

/** A view of a kept copy made while offline, waiting to be on the server's record. */
export interface UnsentView {
  viewId: string;
  taskId: string;
  attachmentId: string;
  /** This workstation's clock when the document was opened. */
  viewedAt: string;
}

export interface AttachmentCache {
  put(doc: Pick<CachedDocument, 'attachmentId' | 'taskId' | 'contentType'>, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** The document's bytes, or null when this workstation does not keep it (for that task). */
  get(taskId: string, attachmentId: string): Promise<{ doc: CachedDocument; bytes: Uint8Array<ArrayBuffer> } | null>;
  list(): Promise<CachedDocument[]>;
  remove(attachmentIds: readonly string[]): Promise<void>;
  /** Writes the view to the outbox at once (it survives a reload, a crash, a sign-out). */
  noteOfflineView(taskId: string, attachmentId: string): Promise<void>;
  unsentViews(): Promise<UnsentView[]>;
  /** Takes views off the outbox: only once the server recorded them. */
  forgetViews(viewIds: readonly string[]): Promise<void>;
  close(): void;
}

/** What is kept of each document in clear (listed by the keeper's sweeps without reading any bytes)… */
const DOCUMENTS = 'documents';
/** …and its sealed bytes, by the same id. */
const SEALED = 'sealed';
/** Offline views not yet on the server's record, by view id (version 2). */
const OUTBOX = 'offline-views';
type StoreName = typeof DOCUMENTS | typeof SEALED | typeof OUTBOX;
const boundTo = (taskId: string, attachmentId: string) => `attachment:${taskId}/${attachmentId}`;

/** Beside the replica's name (database.ts), so wiping a revoked workstation's databases takes it too. */
export function attachmentCacheName(userId: string): string {
  return `baton-attachments-u-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

/** The person's database, brought to this code's version; holds no key (the outbox needs none). */
async function openCacheDatabase(userId: string, factory: IDBFactory): Promise<IDBDatabase> {
  const request = factory.open(attachmentCacheName(userId), 2);
  request.onupgradeneeded = (event) => {
    if (event.oldVersion < 1) {
      request.result.createObjectStore(DOCUMENTS, { keyPath: 'attachmentId' });
      request.result.createObjectStore(SEALED);
    }
    if (event.oldVersion < 2) request.result.createObjectStore(OUTBOX, { keyPath: 'viewId' });
  };
  const idb = await idbRequest(request);
  // Another window deleting it (sign-out) must not wait on this one.
  idb.onversionchange = () => idb.close();
  return idb;
}

/** One transaction over the stores; resolves with what `work` read once it has committed. */
async function run<T>(
  idb: IDBDatabase,
  mode: IDBTransactionMode,
  work: (store: (name: StoreName) => IDBObjectStore) => () => T,
): Promise<T> {
  const tx = idb.transaction([DOCUMENTS, SEALED, OUTBOX], mode);
  const result = work((name) => tx.objectStore(name));
  await idbCommitted(tx);
  return result();
}

export async function openAttachmentCache(options: { userId: string; key: CryptoKey; indexedDB?: IDBFactory }): Promise<AttachmentCache> {
  const idb = await openCacheDatabase(options.userId, options.indexedDB ?? globalThis.indexedDB);

  return {
    async put(doc, bytes) {
      const sealed = await sealBytes(options.key, bytes, boundTo(doc.taskId, doc.attachmentId));
      const stored: CachedDocument = { ...doc, size: bytes.byteLength, cachedAt: new Date().toISOString() };
      await run(idb, 'readwrite', (store) => {
        store(DOCUMENTS).put(stored);
        store(SEALED).put(sealed, doc.attachmentId);
        return () => undefined;
      });
    },
    async get(taskId, attachmentId) {
      const [doc, sealed] = await run(idb, 'readonly', (store) => {
        const docRequest = store(DOCUMENTS).get(attachmentId) as IDBRequest<CachedDocument | undefined>;
        const sealedRequest = store(SEALED).get(attachmentId) as IDBRequest<ArrayBuffer | undefined>;
        return () => [docRequest.result, sealedRequest.result] as const;
      });
      if (!doc || !sealed || doc.taskId !== taskId) return null;
      return { doc, bytes: await openBytes(options.key, sealed, boundTo(taskId, attachmentId)) };
    },
    list() {
      return run(idb, 'readonly', (store) => {
        const all = store(DOCUMENTS).getAll() as IDBRequest<CachedDocument[]>;
        return () => all.result;
      });
    },
    async remove(attachmentIds) {
      if (attachmentIds.length === 0) return;
      await run(idb, 'readwrite', (store) => {
        for (const id of attachmentIds) {
          store(DOCUMENTS).delete(id);
          store(SEALED).delete(id);
        }
        return () => undefined;
      });
    },
    async noteOfflineView(taskId, attachmentId) {
      const view: UnsentView = { viewId: crypto.randomUUID(), taskId, attachmentId, viewedAt: new Date().toISOString() };
      await run(idb, 'readwrite', (store) => {
        store(OUTBOX).put(view);
        return () => undefined;
      });
    },
    unsentViews: () => unsentViewsIn(idb),
    forgetViews: (viewIds) => forgetViewsIn(idb, viewIds),
    close: () => idb.close(),
  };
}

/** The outbox alone, without the person's key: for sending what waits as a session ends. */
export async function openOfflineViewOutbox(
  userId: string,
  factory: IDBFactory = globalThis.indexedDB,
): Promise<Pick<AttachmentCache, 'unsentViews' | 'forgetViews' | 'close'>> {
  const idb = await openCacheDatabase(userId, factory);
  return { unsentViews: () => unsentViewsIn(idb), forgetViews: (viewIds) => forgetViewsIn(idb, viewIds), close: () => idb.close() };
}

async function forgetViewsIn(idb: IDBDatabase, viewIds: readonly string[]): Promise<void> {
  if (viewIds.length === 0) return;
  await run(idb, 'readwrite', (store) => {
    for (const id of viewIds) store(OUTBOX).delete(id);
    return () => undefined;
  });
}

function unsentViewsIn(idb: IDBDatabase): Promise<UnsentView[]> {
  return run(idb, 'readonly', (store) => {
    const all = store(OUTBOX).getAll() as IDBRequest<UnsentView[]>;
    return () => all.result;
  });
}

/**
 * Deletes the person's kept documents (sign-out, a replaced key). Views not yet on the server's
 * record stay in the outbox (in clear: ids and times, no key needed) and go at the person's next
 * sign-in here; with none waiting, the whole database goes.
 */
export async function forgetKeptDocuments(userId: string, factory: IDBFactory = globalThis.indexedDB): Promise<void> {
  const idb = await openCacheDatabase(userId, factory);
  let unsent: number;
  try {
    await run(idb, 'readwrite', (store) => {
      store(DOCUMENTS).clear();
      store(SEALED).clear();
      return () => undefined;
    });
    unsent = (await unsentViewsIn(idb)).length;
  } finally {
    idb.close();
  }
  if (unsent > 0) return;
  await new Promise<void>((resolve, reject) => {
    const request = factory.deleteDatabase(attachmentCacheName(userId));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(idbFailure(request.error));
    // A window still holding it closes it on versionchange; the deletion completes then.
    request.onblocked = () => resolve();
  });
}
