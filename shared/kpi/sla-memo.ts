// A practice's SLA states, remembered per task object and configuration: a task completed in a
// window is judged as of its completion, the same instant on every report, so only open work's
// state is worked out again. Pure: the same answers as asking slaState every time.
import type { PracticeConfig } from '../config/practice';
import { taskSlaState, type SlaState } from '../sla/clock';
import type { KpiTask, Window } from './facts';
import { slaAtCompletion } from './sla-facts';

type SlaOf = NonNullable<Window['sla']>;
type CompletedOf = NonNullable<Window['slaCompleted']>;
const answers = new WeakMap<PracticeConfig, WeakMap<KpiTask, { now: number; state: SlaState | null }>>();
/** Per task object: its SLA state as of each of its completions (instant → state). */
const completions = new WeakMap<PracticeConfig, WeakMap<KpiTask, Map<number, SlaState | null>>>();

/** The SLA state under `practice`, remembered per task object (replaced on every revision). */
export function rememberedSla(practice: PracticeConfig): SlaOf {
  let memo = answers.get(practice);
  if (!memo) answers.set(practice, (memo = new WeakMap()));
  const known = memo;
  return (task, now) => {
    const last = known.get(task);
    if (last && last.now === now) return last.state;
    const state = taskSlaState(task, practice, now);
    known.set(task, { now, state });
    return state;
  };
}

function completionMemo(practice: PracticeConfig): WeakMap<KpiTask, Map<number, SlaState | null>> {
  let memo = completions.get(practice);
  if (!memo) completions.set(practice, (memo = new WeakMap()));
  return memo;
}

/** A finished task's SLA state as of a completion under `practice`, remembered per task object and instant. */
export function rememberedCompletedSla(practice: PracticeConfig): CompletedOf {
  const memo = completionMemo(practice);
  const sla = rememberedSla(practice);
  return (task, at) => {
    let known = memo.get(task);
    if (known?.has(at)) return known.get(at) ?? null;
    const state = slaAtCompletion(task, at, sla);
    if (!known) memo.set(task, (known = new Map<number, SlaState | null>()));
    known.set(at, state);
    return state;
  };
}

/**
 * Gives a task object the answers worked out earlier under the same configuration (a digest:
 * digest.ts), so a task kept without its history is judged exactly as the full one was.
 */
export function primeCompletedSla(practice: PracticeConfig, task: KpiTask, states: readonly (readonly [number, SlaState | null])[]): void {
  completionMemo(practice).set(task, new Map(states));
}
