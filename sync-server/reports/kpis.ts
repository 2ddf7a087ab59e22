// The KPI report on the server: the same shared functions the dashboard runs, over the tasks the
// manager may read (the buckets their replica holds), in their location's time zone.
import { computeKpis, kpiOptionsFor, type KpiReport } from '../../shared/kpi';
import { bucketReader } from '../../shared/policy';
import type { Task } from '../../shared/task';
import { policyUser, type Actor } from '../auth/actor';
import type { SyncContext } from '../sync/context';

/** Every live task the actor reads, exactly as a full pull would give their replica. */
export async function readableTasks(sync: SyncContext, actor: Actor): Promise<Task[]> {
  const practice = await sync.practice.get();
  const reads = bucketReader(policyUser(actor), practice.queues.keys());
  const docs = await sync.storage.listDocs('tasks');
  return docs.filter((d) => reads(d.buckets)).map((d) => d.data as Task);
}

export async function kpiReport(sync: SyncContext, actor: Actor, window: { from: string; to: string; at: string }, locationIds: string[]): Promise<KpiReport> {
  const [tasks, practice] = await Promise.all([readableTasks(sync, actor), sync.practice.get()]);
  return computeKpis(tasks, kpiOptionsFor(practice, window, locationIds));
}
