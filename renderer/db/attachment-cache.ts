// Documents kept for offline use: one IndexedDB database per person beside their replica. Each
// document's bytes are sealed with AES-GCM under the person's replica key and bound to its task and
// id, so the browser profile holds nothing readable without their PIN or password. Only ids, type,
// size and time are stored in clear (no name: a file name can be PHI).
import { idbFailure, idbRequest } from './idb-request';
import { openBytes, sealBytes } from './phi-cipher';

export interface CachedDocument {
  attachmentId: string;
  taskId: string;
  contentType: string;
  size: number;
  cachedAt: string;
}

export interface AttachmentCache {
  put(doc: Pick<CachedDocument, 'attachmentId' | 'taskId' | 'contentType'>, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** The document's bytes, or null when this workstation does not keep it (for that task). */
  get(taskId: string, attachmentId: string): Promise<{ doc: CachedDocument; bytes: Uint8Array<ArrayBuffer> } | null>;
  list(): Promise<CachedDocument[]>;
  remove(attachmentIds: readonly string[]): Promise<void>;
  close(): void;
}

/** What is kept of each document in clear (listed by the keeper's sweeps without reading any bytes)… */
const DOCUMENTS = 'documents';
/** …and its sealed bytes, by the same id. */
const SEALED = 'sealed';
const boundTo = (taskId: string, attachmentId: string) => `attachment:${taskId}/${attachmentId}`;

/** Beside the replica's name (database.ts), so wiping a revoked workstation's databases takes it too. */
export function attachmentCacheName(userId: string): string {
  return `baton-attachments-u-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

export async function openAttachmentCache(options: { userId: string; key: CryptoKey; indexedDB?: IDBFactory }): Promise<AttachmentCache> {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  const request = factory.open(attachmentCacheName(options.userId), 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(DOCUMENTS, { keyPath: 'attachmentId' });
    request.result.createObjectStore(SEALED);
  };
  const idb = await idbRequest(request);
  // Another window deleting it (sign-out) must not wait on this one.
  idb.onversionchange = () => idb.close();

  /** One transaction over both stores; resolves with what `work` read once it has committed. */
  function run<T>(mode: IDBTransactionMode, work: (documents: IDBObjectStore, sealed: IDBObjectStore) => () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      const tx = idb.transaction([DOCUMENTS, SEALED], mode);
      const result = work(tx.objectStore(DOCUMENTS), tx.objectStore(SEALED));
      tx.oncomplete = () => resolve(result());
      tx.onerror = () => reject(idbFailure(tx.error));
      tx.onabort = () => reject(idbFailure(tx.error));
    });
  }

  return {
    async put(doc, bytes) {
      const sealed = await sealBytes(options.key, bytes, boundTo(doc.taskId, doc.attachmentId));
      const stored: CachedDocument = { ...doc, size: bytes.byteLength, cachedAt: new Date().toISOString() };
      await run('readwrite', (documents, sealedStore) => {
        documents.put(stored);
        sealedStore.put(sealed, doc.attachmentId);
        return () => undefined;
      });
    },
    async get(taskId, attachmentId) {
      const [doc, sealed] = await run('readonly', (documents, sealedStore) => {
        const docRequest = documents.get(attachmentId) as IDBRequest<CachedDocument | undefined>;
        const sealedRequest = sealedStore.get(attachmentId) as IDBRequest<ArrayBuffer | undefined>;
        return () => [docRequest.result, sealedRequest.result] as const;
      });
      if (!doc || !sealed || doc.taskId !== taskId) return null;
      return { doc, bytes: await openBytes(options.key, sealed, boundTo(taskId, attachmentId)) };
    },
    list() {
      return run('readonly', (documents) => {
        const all = documents.getAll() as IDBRequest<CachedDocument[]>;
        return () => all.result;
      });
    },
    async remove(attachmentIds) {
      if (attachmentIds.length === 0) return;
      await run('readwrite', (documents, sealedStore) => {
        for (const id of attachmentIds) {
          documents.delete(id);
          sealedStore.delete(id);
        }
        return () => undefined;
      });
    },
    close: () => idb.close(),
  };
}

/** Deletes the person's kept documents (sign-out, a replaced key). */
export async function removeAttachmentCache(userId: string, factory: IDBFactory = globalThis.indexedDB): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = factory.deleteDatabase(attachmentCacheName(userId));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(idbFailure(request.error));
    // A window still holding it closes it on versionchange; the deletion completes then.
    request.onblocked = () => resolve();
  });
}
