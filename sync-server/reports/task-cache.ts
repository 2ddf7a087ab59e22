// The server's tasks cut down to what the SLA clock reads (no PHI), kept in memory per storage by
// the seq of their last write (follow.ts). The SLA report and the SLA automation read them; the KPI
// report reads digests of them (kpi-store.ts).
import { computeKpis, kpiOptionsFor, kpiProjection, type KpiTask } from '../../shared/kpi';
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
const BACKGROUND_PAUSE_MS = 25;
const backgroundPause = () => new Promise<void>((resolve) => setTimeout(resolve, BACKGROUND_PAUSE_MS));
const DAY = 24 * 3600_000;
const WARM_UP_DAYS = 30;

/** Every live task (cut down), current as of this call; by id. Do not change the map. */
export async function cachedTasks(
  storage: Storage,
  stopped: () => boolean = () => false,
  chunk?: number,
  between?: () => Promise<void>,
): Promise<ReadonlyMap<string, CachedTask>> {
  let cache = caches.get(storage);
  if (!cache) caches.set(storage, (cache = { seq: 0, tasks: new Map(), queue: Promise.resolve() }));
  const current = cache;
  await enqueue(current, () =>
    followTasks(
      storage,
      current,
      (doc) => {
        if (doc.deleted) current.tasks.delete(doc.id);
        else current.tasks.set(doc.id, { buckets: doc.buckets, task: kpiProjection(doc.data as Task) });
      },
      stopped,
      chunk,
      between,
    ),
  );
  return current.tasks;
}

/** The cached tasks in id order (the order the storage lists documents in). */
export async function cachedTasksById(storage: Storage): Promise<CachedTask[]> {
  return [...(await cachedTasks(storage)).values()].sort((a, b) => (a.task.id < b.task.id ? -1 : a.task.id > b.task.id ? 1 : 0));
}

/**
 * Fills both after a start. Before the server reports ready (awaited by createServer): the KPI
 * report's digests from the snapshot the last run left in `dataDir`, what was written since, and
 * one report over them (the code's first run is several times slower than later ones), so the
 * first report asked after a start is answered like any later one. Without a usable snapshot
 * (first start, restore, configuration changed) the digests are made in the background instead:
 * reading every task's history would hold up the start. Then, in the background, this cache (for
 * the SLA report and automation) and a new snapshot. Other requests are served meanwhile.
 */
export async function warmTaskCache(
  sync: SyncContext,
  dataDir: string | undefined,
): Promise<{ done: Promise<void>; stop(): Promise<void> }> {
  let stopped = false;
  const isStopped = () => stopped;
  const loaded = dataDir ? await loadKpiStore(sync, dataDir).catch(() => false) : false;
  if (loaded) await warmUpReport(sync).catch(() => undefined);
  const done = (async () => {
    await kpiTasks(sync, isStopped);
    // A prefetch (the SLA report and automation fill it themselves when they first need it): in
    // small steps with pauses, so the first reports after a start do not share the CPU with it
    // (measured: it doubled the first KPI answer).
    await cachedTasks(sync.storage, isStopped, BACKGROUND_CHUNK, backgroundPause);
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

/** One report (the last 30 days, every location) over the digests, the writes since the snapshot included; its figures are not kept. */
async function warmUpReport(sync: SyncContext): Promise<void> {
  const tasks = [...(await kpiTasks(sync)).values()].map((e) => e.task);
  const practice = await sync.practice.get();
  const at = new Date();
  computeKpis(
    tasks,
    kpiOptionsFor(
      practice,
      { from: new Date(at.getTime() - WARM_UP_DAYS * DAY).toISOString(), to: at.toISOString(), at: at.toISOString() },
      [],
    ),
  );
}
