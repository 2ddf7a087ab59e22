// The KPI report on the server: the same shared functions the dashboard runs, over the tasks the
// manager may read (the buckets their replica holds), in their location's time zone.
import type { PracticeConfig } from '../../shared/config/practice';
import { computeKpis, kpiOptionsFor, kpiProjection, type KpiOptions, type KpiReport, type KpiTask } from '../../shared/kpi';
import type { SlaState } from '../../shared/sla/clock';
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

type SlaOf = NonNullable<KpiOptions['sla']>;
/** Per configuration, each cached task's last SLA answer and the instant it was asked for. */
const slaAnswers = new WeakMap<PracticeConfig, WeakMap<KpiTask, { now: number; state: SlaState | null }>>();

/**
 * The SLA state, remembered per cached task object (replaced when the task is rewritten) and per
 * configuration: a completed task is asked as of its completion, the same instant on every request,
 * so only open work is worked out again. Pure: the same answers as without it.
 */
function rememberedSla(practice: PracticeConfig, slaOf: SlaOf): SlaOf {
  let answers = slaAnswers.get(practice);
  if (!answers) slaAnswers.set(practice, (answers = new WeakMap()));
  const memo = answers;
  return (task, now) => {
    const known = memo.get(task);
    if (known && known.now === now) return known.state;
    const state = slaOf(task, now);
    memo.set(task, { now, state });
    return state;
  };
}

export async function kpiReport(sync: SyncContext, actor: Actor, window: { from: string; to: string; at: string }, locationIds: string[]): Promise<KpiReport> {
  const [tasks, practice] = await Promise.all([readableKpiTasks(sync, actor), sync.practice.get()]);
  const options = kpiOptionsFor(practice, window, locationIds);
  return computeKpis(tasks, options.sla ? { ...options, sla: rememberedSla(practice, options.sla) } : options);
}
