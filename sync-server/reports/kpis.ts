// The KPI report on the server: the same shared functions the dashboard runs, over the tasks the
// manager may read (the buckets their replica holds), in their location's time zone.
import { computeKpis, kpiOptionsFor, kpiProjection, type KpiReport, type KpiTask } from '../../shared/kpi';
import { bucketReader } from '../../shared/policy';
import type { Task } from '../../shared/task';
import { policyUser, type Actor } from '../auth/actor';
import type { Storage } from '../storage/types';
import type { SyncContext } from '../sync/context';

interface Cached {
  buckets: string[];
  task: KpiTask;
}
interface TaskCache {
  seq: number;
  tasks: Map<string, Cached>;
  /** Refreshes run one after another, each after its request arrived, so a request sees every write before it. */
  queue: Promise<void>;
}

/**
 * Each storage's tasks cut down to what the figures read (no PHI), kept by seq: a request reads
 * and parses only the documents written since the last one (parsing every stored task on each
 * request cost 2.7 s of a 3.6 s answer at 50,000 tasks). Every write gets a higher seq (commits
 * are serialized by the seq counter on both databases), so reading `seq > last` misses nothing.
 */
const caches = new WeakMap<Storage, TaskCache>();

async function refresh(storage: Storage, cache: TaskCache): Promise<void> {
  const changed = await storage.docsChangedAfter('tasks', cache.seq);
  for (const doc of changed) {
    if (doc.deleted) cache.tasks.delete(doc.id);
    else cache.tasks.set(doc.id, { buckets: doc.buckets, task: kpiProjection(doc.data as Task) });
    cache.seq = Math.max(cache.seq, doc.seq);
  }
}

/** Every live task the actor reads (cut down for the figures), exactly as a full pull would give their replica. */
export async function readableKpiTasks(sync: SyncContext, actor: Actor): Promise<KpiTask[]> {
  let cache = caches.get(sync.storage);
  if (!cache) caches.set(sync.storage, (cache = { seq: 0, tasks: new Map(), queue: Promise.resolve() }));
  const current = cache;
  const done = current.queue.then(() => refresh(sync.storage, current));
  current.queue = done.catch(() => undefined);
  await done;
  const practice = await sync.practice.get();
  const reads = bucketReader(policyUser(actor), practice.queues.keys());
  const tasks: KpiTask[] = [];
  for (const { buckets, task } of current.tasks.values()) if (reads(buckets)) tasks.push(task);
  return tasks;
}

export async function kpiReport(sync: SyncContext, actor: Actor, window: { from: string; to: string; at: string }, locationIds: string[]): Promise<KpiReport> {
  const [tasks, practice] = await Promise.all([readableKpiTasks(sync, actor), sync.practice.get()]);
  return computeKpis(tasks, kpiOptionsFor(practice, window, locationIds));
}
