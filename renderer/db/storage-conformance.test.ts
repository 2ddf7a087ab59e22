// RxDB's RxStorage contract (after RxDB's rx-storage-implementations test), run against RxDB's own
// memory and Dexie storages as the control, and against Baton's log storage, both as it opens a
// collection and as it opens the replication's bookkeeping.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { META_INSTANCE_SCHEMA_TITLE, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageLog } from './log-storage';
import { pageLocks } from './locks';
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

/**
 * The log storage as it opens the replication's bookkeeping (RxDB's meta instance, known by its
 * schema's title): only its checkpoints at the open, the log at the first read or write of anything else.
 */
function asBookkeeping(storage: RxStorage<unknown, unknown>): RxStorage<unknown, unknown> {
  return {
    ...storage,
    createStorageInstance: (params) =>
      storage.createStorageInstance({ ...params, schema: { ...params.schema, title: META_INSTANCE_SCHEMA_TITLE } }),
  };
}

describeStorageConformance({
  name: 'Baton log storage, loaded at first use',
  getStorage: () => asBookkeeping(getRxStorageLog({ indexedDB, IDBKeyRange, lock })),
  hasPersistence: true,
  hasMultiInstance: true,
});
