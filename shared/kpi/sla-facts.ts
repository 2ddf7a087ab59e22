// The SLA part of a task's facts: its SLA state now (open work: at risk, breached) and, when it
// was completed in the window, whether that completion met its targets. The state comes from
// slaStatus (shared/sla/clock.ts), the function the board's chips and At risk view use.
import type { SlaState } from '../sla/clock';
import { TASK_STATUSES, type TaskStatus } from '../task';
import { isAtRiskNow } from './at-risk';
import type { KpiTask, TaskFacts, Window } from './facts';
import { lifeOf } from './life';

const STATUSES = new Set<string>(TASK_STATUSES);

/**
 * The task as it stood when it was completed at `at`: later history left out, nothing pending.
 * The same object for the same task and instant, so a caller may remember answers by it (the server does).
 */
const views = new WeakMap<KpiTask, { at: number; view: KpiTask }>();
function asCompletedAt(task: KpiTask, at: number): KpiTask {
  const known = views.get(task);
  if (known?.at === at) return known.view;
  const view = cutAt(task, at);
  views.set(task, { at, view });
  return view;
}

function cutAt(task: KpiTask, at: number): KpiTask {
  const history = task.history.filter((e) => Date.parse(e.at) <= at);
  let status: TaskStatus = task.status;
  for (const e of history) {
    const move = e.changes.find((c) => c.field === 'status');
    if (move && typeof move.to === 'string' && STATUSES.has(move.to)) status = move.to as TaskStatus;
  }
  return { ...task, history, status, waitingOn: '', pendingSync: false };
}

/**
 * The SLA state of a task as of its completion at `at` (judged on the task as it stood then, so a
 * reopen or a close after it does not change the answer); `sla` asks the clock.
 */
export function slaAtCompletion(task: KpiTask, at: number, sla: NonNullable<Window['sla']>): SlaState | null {
  const later = task.pendingSync || lifeOf(task).lastAt > at;
  return sla(later ? asCompletedAt(task, at) : task, at);
}

export function addSlaFacts(facts: TaskFacts, w: Window): void {
  const sla = w.sla;
  if (!sla) return;
  const { task } = facts;
  if (facts.open) {
    const now = sla(task, w.at);
    if (now !== null) facts.slaNow = now;
    facts.atRisk = isAtRiskNow(task, w.at, now);
  }
  const done = facts.completedAt;
  if (done === undefined) return;
  const result = w.slaCompleted ? w.slaCompleted(task, done) : slaAtCompletion(task, done, sla);
  if (result === 'met' || result === 'missed') facts.slaResult = result;
}
