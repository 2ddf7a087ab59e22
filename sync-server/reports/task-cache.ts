// The server's tasks cut down to what the figures and the SLA clock read (no PHI), kept in memory
// per storage by the seq of their last write. A reader (the KPI and SLA reports, the SLA
// automation) gets them current by reading only the documents written since the last look (index
// docs(collection, seq)), a thousand at a time with a turn of the event loop between, so a large
// first read never holds up other requests. Every write gets a higher seq (commits are serialized
// by the seq counter on both databases), so reading `seq > last` misses nothing.
import { allFacts, kpiOptionsFor, kpiProjection, type KpiTask } from '../../shared/kpi';
import type { Task } from '../../shared/task';
import type { Storage } from '../storage/types';
import type { SyncContext } from '../sync/context';

export interface CachedTask {
  buckets: string[];
  task: KpiTask;
}

interface TaskCache {
  seq: number;
  tasks: Map<string, CachedTask>;
  /** Refreshes run one after another, each after its caller asked, so a caller sees every write before it. */
  queue: Promise<void>;
}

const CHUNK = 1000;
const caches = new WeakMap<Storage, TaskCache>();
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function refresh(storage: Storage, cache: TaskCache, stopped: () => boolean): Promise<void> {
  for (;;) {
    const changed = await storage.docsChangedAfter('tasks', cache.seq, CHUNK);
    for (const doc of changed) {
      if (doc.deleted) cache.tasks.delete(doc.id);
      else cache.tasks.set(doc.id, { buckets: doc.buckets, task: kpiProjection(doc.data as Task) });
      cache.seq = Math.max(cache.seq, doc.seq);
    }
    if (changed.length < CHUNK || stopped()) return;
    await turn();
  }
}

/** Every live task (cut down), current as of this call; by id. Do not change the map. */
export async function cachedTasks(storage: Storage, stopped: () => boolean = () => false): Promise<ReadonlyMap<string, CachedTask>> {
  let cache = caches.get(storage);
  if (!cache) caches.set(storage, (cache = { seq: 0, tasks: new Map(), queue: Promise.resolve() }));
  const current = cache;
  const done = current.queue.then(() => refresh(storage, current, stopped));
  current.queue = done.catch(() => undefined);
  await done;
  return current.tasks;
}

/** The cached tasks in id order (the order the storage lists documents in). */
export async function cachedTasksById(storage: Storage): Promise<CachedTask[]> {
  return [...(await cachedTasks(storage)).values()].sort((a, b) => (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0));
}

/**
 * Fills the cache after a start, in the background: every task read and cut down, then each one's
 * life parsed and its SLA state as of its completion worked out (what every report needs), a
 * thousand tasks per turn of the event loop. The first report after a start then only sums.
 */
export function warmTaskCache(sync: SyncContext, now: () => number = Date.now): { done: Promise<void>; stop(): Promise<void> } {
  let stopped = false;
  const done = (async () => {
    const tasks = [...(await cachedTasks(sync.storage, () => stopped)).values()].map((c) => c.task);
    const practice = await sync.practice.get();
    // The widest window: each task's last completion, as most windows see it.
    const options = kpiOptionsFor(practice, { from: new Date(0).toISOString(), to: new Date(now() + 366 * 86_400_000).toISOString(), at: new Date(now()).toISOString() }, []);
    for (let i = 0; i < tasks.length && !stopped; i += CHUNK) {
      allFacts(tasks.slice(i, i + CHUNK), { ...options, cacheKey: undefined });
      await turn();
    }
  })().catch(() => undefined); // a failed warm-up only leaves the work to the first request
  return {
    done,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
