// The app's storage (log-storage.ts) for Node tests: kept in fake-indexeddb.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { getRxStorageLog } from './log-storage';

export const testLogStorage = (): RxStorage<unknown, unknown> => getRxStorageLog({ indexedDB, IDBKeyRange });
