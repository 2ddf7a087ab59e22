// IndexedDB requests as promises.

/** IndexedDB's `error` is null for a transaction aborted by hand. */
export const idbFailure = (error: DOMException | null) => error ?? new DOMException('IndexedDB transaction aborted', 'AbortError');

/** Resolves once `tx` has committed; rejects when it fails or is aborted. */
export function idbCommitted(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(idbFailure(tx.error));
    tx.onabort = () => reject(idbFailure(tx.error));
  });
}

export function idbRequest<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(idbFailure(r.error));
  });
}

/** Opens a database as it is, or undefined where none exists (none is made). */
export function openExistingDatabase(idb: IDBFactory, name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    const req = idb.open(name);
    let created = false;
    req.onupgradeneeded = () => {
      created = true;
      req.transaction?.abort();
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => (created ? resolve(undefined) : reject(req.error ?? new Error(`IndexedDB ${name} did not open`)));
    req.onblocked = () => reject(new Error(`IndexedDB ${name} is blocked`));
  });
}
