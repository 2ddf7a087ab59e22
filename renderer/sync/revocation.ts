// A workstation an admin revoked keeps nothing: every local replica (all IndexedDB databases of
// the app's origin, which holds only Baton's) and every stored key entry and session are removed
// the moment the server says so, before anyone can work on the copy.
export interface WipeDeps {
  indexedDB: Pick<IDBFactory, 'databases' | 'deleteDatabase'>;
  storages: Storage[];
}

/** Deletes every database and clears the storages; the names of the databases removed. */
export async function wipeLocalReplicas({ indexedDB, storages }: WipeDeps): Promise<string[]> {
  const names = (await indexedDB.databases()).flatMap((d) => (d.name ? [d.name] : []));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = () => resolve();
          request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
          // Another window still has it open: it is deleted as soon as that window lets go.
          request.onblocked = () => resolve();
        }),
    ),
  );
  for (const storage of storages) storage.clear();
  return names;
}
