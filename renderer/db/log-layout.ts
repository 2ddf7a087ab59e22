// Where the log storage (log-storage.ts) keeps a collection, for readers that open it directly (the
// dashboard's worker, task-store-reader.ts) without loading the storage itself.

/** One IndexedDB database per collection and schema version. */
export const logDatabaseName = (databaseName: string, collectionName: string, schemaVersion: number) =>
  `baton-log-${databaseName}--${collectionName}--${schemaVersion}`;

/** The store of records, `{ docs }`, keyed in the order they were committed. */
export const LOG_STORE = 'log';
