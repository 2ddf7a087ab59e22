// RxDB's RxStorage contract (after RxDB's rx-storage-implementations test), run against RxDB's own
// memory and Dexie storages as the control, and against Baton's log storage.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageLog, pageLocks } from './log-storage';
import { describeStorageConformance } from './storage-conformance';

// One lock for every log storage of this run, as Web Locks are one per origin in a browser: two
// instances of one replica must take the same lock, whichever storage object opened them.
const lock = pageLocks();

describeStorageConformance({
  name: 'RxDB memory',
  getStorage: () => getRxStorageMemory(),
  // Its state outlives closed instances for the whole process (RxDB keeps it in a module).
  hasPersistence: true,
  hasMultiInstance: true,
});

describeStorageConformance({
  name: 'RxDB Dexie over fake-indexeddb',
  getStorage: () => getRxStorageDexie({ indexedDB, IDBKeyRange }),
  hasPersistence: true,
  hasMultiInstance: true,
});

describeStorageConformance({
  name: 'Baton log storage',
  getStorage: () => getRxStorageLog({ indexedDB, IDBKeyRange, lock }),
  hasPersistence: true,
  hasMultiInstance: true,
});
