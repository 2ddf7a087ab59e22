// For tests: what IndexedDB holds, read under every layer above it (RxDB, Dexie, the log storage).

/**
 * Every record of the databases whose name passes `match` (each one's stores, or only `store`), as
 * stored. Fails when no database matches, so a test of what is stored can never read nothing.
 */
/** The keys of one store of one database, in order. */
export async function storedKeys(factory: IDBFactory, database: string, store: string): Promise<IDBValidKey[]> {
  const idb = await openDatabase(factory, database);
  try {
    return await new Promise<IDBValidKey[]>((resolve, reject) => {
      const req = idb.transaction(store, 'readonly').objectStore(store).getAllKeys();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
    });
  } finally {
    idb.close();
  }
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const req = factory.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  });
}

export async function storedRecords(factory: IDBFactory, match: (name: string) => boolean, store?: string): Promise<unknown[]> {
  const names = (await factory.databases()).map((d) => d.name ?? '').filter(match);
  if (!names.length) throw new Error('no IndexedDB database matched');
  const out: unknown[] = [];
  for (const name of names) {
    const idb = await openDatabase(factory, name);
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
