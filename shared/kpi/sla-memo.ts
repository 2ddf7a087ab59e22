// A practice's SLA states, remembered per task object and configuration: a task completed in a
// window is judged as of its completion, the same instant on every report, so only open work's
// state is worked out again. Pure: the same answers as asking slaState every time.
import type { PracticeConfig } from '../config/practice';
import { taskSlaState, type SlaState } from '../sla/clock';
import type { KpiTask, Window } from './facts';

type SlaOf = NonNullable<Window['sla']>;
const answers = new WeakMap<PracticeConfig, WeakMap<KpiTask, { now: number; state: SlaState | null }>>();

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
