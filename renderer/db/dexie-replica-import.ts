// Replicas kept by releases before the log storage, in RxDB's Dexie layout (one IndexedDB database
// per collection and schema version, a `docs` store, indexed booleans stored as '1'/'0'). The log
// storage takes each one over the first time it opens the same collection (log-storage.ts), with
// every document as it was stored: sealed PHI, edits not yet uploaded, deletions and the
// replication's own bookkeeping, so nothing a person did before the update is lost.
import type { RxDocumentData, RxJsonSchema } from 'rxdb';
import { fromDexieToStorage, getBooleanIndexes } from 'rxdb/plugins/storage-dexie';
import { idbFailure, idbRequest, openExistingDatabase } from './idb-request';

type Doc = RxDocumentData<Record<string, unknown>>;

/** An older replica of one collection: its documents, and how to remove it once they are safe elsewhere. */
interface LegacyCollection {
  /** Names it apart from any other legacy collection (what the log records as taken over). */
  name: string;
  docs: Doc[];
  remove(): Promise<void>;
}

/** Finds the older replica of a collection, or undefined where there is none. */
export type LegacyReplicas = (collection: {
  databaseName: string;
  collectionName: string;
  schema: RxJsonSchema<Doc>;
}) => Promise<LegacyCollection | undefined>;

const DOCS = 'docs';

function deleteDatabase(idb: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = idb.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(idbFailure(req.error));
  });
}

/** The replicas RxDB's Dexie storage kept in `idb`. */
export function dexieReplicas(idb: IDBFactory): LegacyReplicas {
  return async ({ databaseName, collectionName, schema }) => {
    const name = `rxdb-dexie-${databaseName}--${schema.version}--${collectionName}`;
    const db = await openExistingDatabase(idb, name);
    if (!db) return undefined;
    let rows: unknown[] = [];
    try {
      if (db.objectStoreNames.contains(DOCS)) rows = await idbRequest(db.transaction(DOCS, 'readonly').objectStore(DOCS).getAll());
    } finally {
      db.close();
    }
    const booleans = getBooleanIndexes(schema);
    return {
      name,
      docs: rows.map((row) => fromDexieToStorage<Record<string, unknown>>(booleans, row)),
      remove: () => deleteDatabase(idb, name),
    };
  };
}
