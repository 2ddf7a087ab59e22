// For tests: what IndexedDB holds, read under every layer above it (RxDB, Dexie, the log storage).

/**
 * Every record of the databases whose name passes `match` (each one's stores, or only `store`), as
 * stored. Fails when no database matches, so a test of what is stored can never read nothing.
 */
export async function storedRecords(factory: IDBFactory, match: (name: string) => boolean, store?: string): Promise<unknown[]> {
  const names = (await factory.databases()).map((d) => d.name ?? '').filter(match);
  if (!names.length) throw new Error('no IndexedDB database matched');
  const out: unknown[] = [];
  for (const name of names) {
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
    });
    for (const storeName of store ? [store] : Array.from(idb.objectStoreNames)) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = idb.transaction(storeName, 'readonly').objectStore(storeName).getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
      });
      out.push(...all);
    }
    idb.close();
  }
  return out;
}
