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

interface StoredDocument extends CachedDocument {
  sealed: ArrayBuffer;
}

export interface AttachmentCache {
  put(doc: Pick<CachedDocument, 'attachmentId' | 'taskId' | 'contentType'>, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  /** The document's bytes, or null when this workstation does not keep it (for that task). */
  get(taskId: string, attachmentId: string): Promise<{ doc: CachedDocument; bytes: Uint8Array<ArrayBuffer> } | null>;
  list(): Promise<CachedDocument[]>;
  remove(attachmentIds: readonly string[]): Promise<void>;
  close(): void;
}

const STORE = 'documents';
const boundTo = (taskId: string, attachmentId: string) => `attachment:${taskId}/${attachmentId}`;

/** Beside the replica's name (database.ts), so wiping a revoked workstation's databases takes it too. */
export function attachmentCacheName(userId: string): string {
  return `baton-attachments-u-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

export async function openAttachmentCache(options: { userId: string; key: CryptoKey; indexedDB?: IDBFactory }): Promise<AttachmentCache> {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  const request = factory.open(attachmentCacheName(options.userId), 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'attachmentId' });
  const idb = await idbRequest(request);
  // Another window deleting it (sign-out) must not wait on this one.
  idb.onversionchange = () => idb.close();

  function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      const tx = idb.transaction(STORE, mode);
      const made = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(made ? made.result : undefined);
      tx.onerror = () => reject(idbFailure(tx.error));
      tx.onabort = () => reject(idbFailure(tx.error));
    });
  }

  return {
    async put(doc, bytes) {
      const sealed = await sealBytes(options.key, bytes, boundTo(doc.taskId, doc.attachmentId));
      const stored: StoredDocument = { ...doc, size: bytes.byteLength, cachedAt: new Date().toISOString(), sealed };
      await run('readwrite', (store) => store.put(stored));
    },
    async get(taskId, attachmentId) {
      const stored = await run<StoredDocument | undefined>('readonly', (store) => store.get(attachmentId));
      if (!stored || stored.taskId !== taskId) return null;
      const { sealed, ...doc } = stored;
      return { doc, bytes: await openBytes(options.key, sealed, boundTo(taskId, attachmentId)) };
    },
    async list() {
      const all = (await run<StoredDocument[]>('readonly', (store) => store.getAll())) ?? [];
      return all.map(({ sealed: _sealed, ...doc }) => doc);
    },
    async remove(attachmentIds) {
      if (attachmentIds.length === 0) return;
      await run('readwrite', (store) => {
        for (const id of attachmentIds) store.delete(id);
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
