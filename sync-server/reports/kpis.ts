// The KPI report on the server: the same shared functions the dashboard runs, over the tasks the
// manager may read (the buckets their replica holds), in their location's time zone, from the
// server's digests of its tasks (kpi-store.ts).
import { computeKpis, kpiOptionsFor, type KpiReport, type KpiTask } from '../../shared/kpi';
import { bucketReader } from '../../shared/policy';
import { policyUser, type Actor } from '../auth/actor';
import type { SyncContext } from '../sync/context';
import { kpiTasks } from './kpi-store';

/** Every live task the actor reads (cut down for the figures), exactly as a full pull would give their replica. */
async function readableKpiTasks(sync: SyncContext, actor: Actor): Promise<KpiTask[]> {
  const all = await kpiTasks(sync);
  const practice = await sync.practice.get();
  const reads = bucketReader(policyUser(actor), practice.queues.keys());
  const tasks: KpiTask[] = [];
  for (const { buckets, task } of all.values()) if (reads(buckets)) tasks.push(task);
  return tasks;
}

export async function kpiReport(
  sync: SyncContext,
  actor: Actor,
  window: { from: string; to: string; at: string },
  locationIds: string[],
): Promise<KpiReport> {
  const [tasks, practice] = await Promise.all([readableKpiTasks(sync, actor), sync.practice.get()]);
  return computeKpis(tasks, kpiOptionsFor(practice, window, locationIds));
}
