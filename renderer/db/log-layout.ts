// Where the log storage (log-storage.ts) keeps a collection, for readers that open it directly (the
// dashboard's worker, task-store-reader.ts) without loading the storage itself.

/** One IndexedDB database per collection and schema version. */
export const logDatabaseName = (databaseName: string, collectionName: string, schemaVersion: number) =>
  `baton-log-${databaseName}--${collectionName}--${schemaVersion}`;

/** The store of records, `{ docs }`, keyed in the order they were committed. */
export const LOG_STORE = 'log';

/** Beside the log, by id: the replication's checkpoints (rows `<direction>|1` of its bookkeeping), so an open reads them alone. */
export const PINNED_STORE = 'pinned';

/**
 * A record as stored: its documents as one JSON text, which IndexedDB hands back and JSON.parse
 * reads several times faster than the same documents as objects (a next start reads the whole
 * log), and `rewrite` when a compaction wrote it (the documents' current states again).
 */
interface StoredLogRecord {
  json: string;
  rewrite?: true;
}

export function encodeLogRecord(docs: readonly unknown[], rewrite = false): StoredLogRecord {
  return rewrite ? { json: JSON.stringify(docs), rewrite: true } : { json: JSON.stringify(docs) };
}

/** The documents of a stored record (not checked one by one: the reader of each does that). */
export function decodeLogRecord(record: unknown): { docs: unknown[]; rewrite: boolean } {
  const stored = record as Partial<StoredLogRecord> | null;
  if (typeof stored?.json !== 'string') throw new Error('The replica log holds a record without documents');
  const docs: unknown = JSON.parse(stored.json);
  if (!Array.isArray(docs)) throw new Error('The replica log holds a record whose documents are not a list');
  return { docs, rewrite: stored.rewrite === true };
}
