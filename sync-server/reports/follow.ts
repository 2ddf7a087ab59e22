// Keeps an in-memory copy of the tasks current by reading only the documents written since the
// last look (index docs(collection, seq)), a thousand at a time with a turn of the event loop
// between, so a large first read never holds up other requests. Every write gets a higher seq
// (commits are serialized by the seq counter on both databases), so reading `seq > last` misses
// nothing. Used by the task cache (task-cache.ts) and the KPI report's digests (kpi-store.ts).
import type { StoredDoc, Storage } from '../storage/types';

export const CHUNK = 1000;
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Follower {
  seq: number;
  /** Refreshes run one after another, each after its caller asked, so a caller sees every write before it. */
  queue: Promise<void>;
}

/** Applies every task document written after `follower.seq` (a deleted one too), in seq order. */
export async function followTasks(
  storage: Storage,
  follower: Follower,
  apply: (doc: StoredDoc) => void,
  stopped: () => boolean,
  chunk = CHUNK,
  between = turn,
): Promise<void> {
  for (;;) {
    const changed = await storage.docsChangedAfter('tasks', follower.seq, chunk);
    for (const doc of changed) {
      apply(doc);
      follower.seq = Math.max(follower.seq, doc.seq);
    }
    if (changed.length < chunk || stopped()) return;
    await between();
  }
}

/** Runs `job` after the jobs queued before it; the queue goes on after a failure. */
export function enqueue(follower: Follower, job: () => Promise<void>): Promise<void> {
  const done = follower.queue.then(job);
  follower.queue = done.catch(() => undefined);
  return done;
}
