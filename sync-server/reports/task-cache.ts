// The server's tasks cut down to what the SLA clock reads (no PHI), kept in memory per storage by
// the seq of their last write (follow.ts). The SLA report and the SLA automation read them; the KPI
// report reads digests of them (kpi-store.ts).
import { kpiProjection, type KpiTask } from '../../shared/kpi';
import type { Task } from '../../shared/task';
import type { Storage } from '../storage/types';
import type { SyncContext } from '../sync/context';
import { enqueue, followTasks, type Follower } from './follow';
import { loadKpiStore, kpiTasks, saveKpiStore } from './kpi-store';

export interface CachedTask {
  buckets: string[];
  task: KpiTask;
}

interface TaskCache extends Follower {
  tasks: Map<string, CachedTask>;
}

const caches = new WeakMap<Storage, TaskCache>();
const BACKGROUND_CHUNK = 200;

/** Every live task (cut down), current as of this call; by id. Do not change the map. */
export async function cachedTasks(storage: Storage, stopped: () => boolean = () => false, chunk?: number): Promise<ReadonlyMap<string, CachedTask>> {
  let cache = caches.get(storage);
  if (!cache) caches.set(storage, (cache = { seq: 0, tasks: new Map(), queue: Promise.resolve() }));
  const current = cache;
  await enqueue(current, () =>
    followTasks(storage, current, (doc) => {
      if (doc.deleted) current.tasks.delete(doc.id);
      else current.tasks.set(doc.id, { buckets: doc.buckets, task: kpiProjection(doc.data as Task) });
    }, stopped, chunk),
  );
  return current.tasks;
}

/** The cached tasks in id order (the order the storage lists documents in). */
export async function cachedTasksById(storage: Storage): Promise<CachedTask[]> {
  return [...(await cachedTasks(storage)).values()].sort((a, b) => (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0));
}

/**
 * Fills both after a start, in the background: first the KPI report's digests (from the snapshot
 * the last run left in `dataDir`, then what was written since), so a report soon after a start
 * does not wait for every task to be read; then this cache, for the SLA report and automation;
 * then a new snapshot. Other requests are served meanwhile (a thousand tasks per turn).
 */
export function warmTaskCache(sync: SyncContext, dataDir: string | undefined): { done: Promise<void>; stop(): Promise<void> } {
  let stopped = false;
  const isStopped = () => stopped;
  const done = (async () => {
    if (dataDir) await loadKpiStore(sync, dataDir);
    await kpiTasks(sync, isStopped);
    // In smaller steps: requests (a report asked for meanwhile) get the event loop more often.
    await cachedTasks(sync.storage, isStopped, BACKGROUND_CHUNK);
    if (dataDir && !stopped) await saveKpiStore(sync, dataDir);
  })().catch(() => undefined); // a failed warm-up only leaves the work to the first request
  return {
    done,
    stop: async () => {
      stopped = true;
      await done;
      // The digests as they are now, for the next start.
      if (dataDir) await saveKpiStore(sync, dataDir).catch(() => undefined);
    },
  };
}
