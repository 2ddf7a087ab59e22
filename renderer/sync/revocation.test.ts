// The wipe of a revoked workstation, on a real (fake-indexeddb) IndexedDB with RxDB databases in it.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../keyring/memory-storage';
import { wipeLocalReplicas } from './revocation';

describe('wipeLocalReplicas', () => {
  it('deletes every replica database and clears key entries and sessions', async () => {
    const indexedDB = new IDBFactory();
    for (const name of ['baton-g1-u-u-frontdesk', 'baton-g1-u-u-manager']) {
      const db = await createRxDatabase({ name, storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) });
      await db.addCollections({
        notes: {
          schema: { version: 0, primaryKey: 'id', type: 'object', properties: { id: { type: 'string', maxLength: 40 } }, required: ['id'] },
        },
      });
      await db.notes.insert({ id: 'n1' });
      await db.close();
    }
    expect((await indexedDB.databases()).length).toBeGreaterThan(0);
    const local = memoryStorage();
    local.setItem('baton.keyring.u-frontdesk', '{"wrapped":"x"}');
    const tab = memoryStorage();
    tab.setItem('baton.session', 'x');

    const removed = await wipeLocalReplicas({ indexedDB, storages: [local, tab] });
    expect(removed.some((n) => n.includes('baton-g1-u-u-frontdesk'))).toBe(true);
    expect(removed.some((n) => n.includes('baton-g1-u-u-manager'))).toBe(true);
    expect(await indexedDB.databases()).toEqual([]);
    expect(local.length).toBe(0);
    expect(tab.length).toBe(0);
  });
});
