// A measured prototype for issue 18, not the app's storage: RxDB's memory storage holding the
// replica, persisted to IndexedDB as one record per write (a log of bulks) instead of one record
// per document. It answers what a first sign-in costs when IndexedDB writes few large records.
// What it leaves out before it could hold a replica: change events only after the bulk is
// persisted, compaction of the log, several windows of one replica (one writer), the dashboard's
// reader, moving replicas off Dexie, and RxDB's storage conformance tests.
import { getPrimaryFieldOfPrimaryKey, type BulkWriteRow, type RxStorage, type RxStorageInstance } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';

type Doc = Record<string, unknown>;
const LOG = 'log';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openLog(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(LOG, { autoIncrement: true });
  return request(req);
}

function append(db: IDBDatabase, docs: Doc[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(LOG, 'readwrite');
    tx.objectStore(LOG).add(docs);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

let opened = 0;

export function getMappedStorage(): RxStorage<unknown, unknown> {
  const memory = getRxStorageMemory();
  return {
    name: 'mapped-prototype',
    rxdbVersion: memory.rxdbVersion,
    async createStorageInstance(params) {
      const logName = `mapped-${params.databaseName}--${params.collectionName}--${params.schema.version}`;
      const log = await openLog(logName);
      const bulks = (await request(log.transaction(LOG, 'readonly').objectStore(LOG).getAll())) as Doc[][];
      // A memory state of its own: the memory storage shares one per name within a page.
      const inner = (await memory.createStorageInstance({
        ...(params as Parameters<typeof memory.createStorageInstance>[0]),
        databaseName: `${params.databaseName}-mapped-${++opened}`,
      })) as RxStorageInstance<Doc, unknown, unknown>;
      const primary = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      if (bulks.length) {
        const latest = new Map<string, Doc>();
        for (const bulk of bulks) for (const doc of bulk) latest.set(String(doc[primary]), doc);
        await inner.bulkWrite(
          [...latest.values()].map((document) => ({ document }) as BulkWriteRow<Doc>),
          'mapped-load',
        );
      }
      const bulkWrite = inner.bulkWrite.bind(inner);
      inner.bulkWrite = async (rows, context) => {
        const result = await bulkWrite(rows, context);
        const failed = new Set(result.error.map((error) => error.documentId));
        const written = rows.filter((row) => !failed.has(String(row.document[primary]))).map((row) => row.document as Doc);
        if (written.length) await append(log, written);
        return result;
      };
      const close = inner.close.bind(inner);
      inner.close = async () => {
        log.close();
        await close();
      };
      const remove = inner.remove.bind(inner);
      inner.remove = async () => {
        log.close();
        await remove();
        await request(indexedDB.deleteDatabase(logName));
      };
      return inner as never;
    },
  };
}
