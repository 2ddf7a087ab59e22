// Once-keys (WriteTx.claimOnce) that cannot matter any more are forgotten, so the table stops
// growing with every push. Kept: escalation and SLA reminder keys, which hold for as long as their
// task does (bounded by the tasks).
import type { Storage } from '../storage/types';

const DAY_MS = 24 * 3600_000;

const FORGETTABLE_CLAIMS = [
  // A push receipt only stops a replay: a request retried or delivered late, or a replica resending
  // a push whose answer it never got. A replica offline longer than this with such an unanswered
  // push would have its old row taken as a new write of its own (merged, never lost).
  { prefix: 'push:', keepDays: 90 },
  // A daily digest's key names its day: after the day, nothing claims it again.
  { prefix: 'digest:', keepDays: 30 },
] as const;

/** Forgets the forgettable claims older than their keep, as of `now`; answers how many. */
export async function forgetOldClaims(storage: Pick<Storage, 'write'>, now: number): Promise<number> {
  return storage.write(async (tx) => {
    let forgotten = 0;
    for (const { prefix, keepDays } of FORGETTABLE_CLAIMS)
      forgotten += await tx.forgetClaims(prefix, new Date(now - keepDays * DAY_MS).toISOString());
    return forgotten;
  });
}

/** Forgets old claims soon after start and then every `everyMs` (6 hours unless told). */
export function startClaimPruning(
  storage: Pick<Storage, 'write'>,
  options: { everyMs?: number; firstMs?: number; now?: () => number; onError?: (error: unknown) => void } = {},
): { stop(): Promise<void> } {
  const now = options.now ?? Date.now;
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = forgetOldClaims(storage, now()).catch((error: unknown) => options.onError?.(error));
  };
  const first = setTimeout(run, options.firstMs ?? 60_000);
  const timer = setInterval(run, options.everyMs ?? 6 * 3600_000);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
