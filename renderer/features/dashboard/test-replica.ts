// The dashboard's tests' replica: the demo practice's configuration and 20 days of its history, on
// the app's storage in fake-indexeddb, each test with a database of its own.
import { demoConfigDocs } from '../../../shared/config/demo';
import { newId } from '../../../shared/ids';
import type { Task } from '../../../shared/task';
import { demoHistory } from '../../../sync-server/seed/history';
import { openBatonDatabase, type BatonDatabase } from '../../db/database';
import { testLogStorage } from '../../db/test-log-storage';

export async function kpiTestReplica(now: number): Promise<{ db: BatonDatabase; tasks: Task[] }> {
  const db = await openBatonDatabase({
    userId: `kpi-${newId()}`,
    storage: testLogStorage(),
    multiInstance: false,
  });
  await db.config.bulkInsert(demoConfigDocs('loc-main', (u) => `u-${u}`));
  const tasks = demoHistory(20, new Date(now));
  await db.tasks.bulkInsert(tasks);
  return { db, tasks };
}
