// An IndexedDB request as a promise.

/** IndexedDB's `error` is null for a transaction aborted by hand. */
export const idbFailure = (error: DOMException | null) => error ?? new DOMException('IndexedDB transaction aborted', 'AbortError');

export function idbRequest<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(idbFailure(r.error));
  });
}
