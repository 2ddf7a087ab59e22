// The dashboard's tests' replica: the demo practice's configuration and 20 days of its history, on
// Dexie in fake-indexeddb, each test with a database of its own.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { demoConfigDocs } from '../../../shared/config/demo';
import { newId } from '../../../shared/ids';
import type { Task } from '../../../shared/task';
import { demoHistory } from '../../../sync-server/seed/history';
import { openBatonDatabase, type BatonDatabase } from '../../db/database';

export async function kpiTestReplica(now: number): Promise<{ db: BatonDatabase; tasks: Task[] }> {
  const db = await openBatonDatabase({
    userId: `kpi-${newId()}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    multiInstance: false,
  });
  await db.config.bulkInsert(demoConfigDocs('loc-main', (u) => `u-${u}`));
  const tasks = demoHistory(20, new Date(now));
  await db.tasks.bulkInsert(tasks);
  return { db, tasks };
}
