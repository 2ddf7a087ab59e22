// Runs the SLA pass on a schedule: the first pass soon after start, then every minute, and sooner
// when a threshold (a warning, a breach, an escalation) falls due before the next minute.
import type { SyncContext } from '../sync/context';
import { runSlaPass, type PassResult } from './sla-pass';

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const SYSTEM_CLOCK: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

export interface SchedulerOptions {
  clock?: SchedulerClock;
  firstPassMs?: number;
  everyMs?: number;
  /** Counts only (no task content): for the server log. */
  onPass?: (result: PassResult) => void;
  onError?: (error: unknown) => void;
}

/** A threshold is acted on this long after it falls due, so the clock has surely passed it. */
const THRESHOLD_SLACK_MS = 500;

export function startSlaScheduler(sync: SyncContext, options: SchedulerOptions = {}): { stop(): Promise<void> } {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const every = options.everyMs ?? 60_000;
  let timer: unknown;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const schedule = (ms: number) => {
    timer = clock.setTimeout(() => {
      running = pass();
    }, ms);
  };
  const pass = async () => {
    let wait = every;
    try {
      const result = await runSlaPass(sync, clock.now());
      options.onPass?.(result);
      if (Number.isFinite(result.nextAt))
        wait = Math.min(every, Math.max(THRESHOLD_SLACK_MS, result.nextAt - clock.now() + THRESHOLD_SLACK_MS));
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) schedule(wait);
  };
  schedule(options.firstPassMs ?? 2_000);
  return {
    stop: async () => {
      stopped = true;
      clock.clearTimeout(timer);
      await running;
    },
  };
}
