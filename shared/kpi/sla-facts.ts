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
  // Judged as of the completion, so a reopen or a close after it does not change the answer.
  const later = task.pendingSync || lifeOf(task).lastAt > done;
  const result: SlaState | null = sla(later ? asCompletedAt(task, done) : task, done);
  if (result === 'met' || result === 'missed') facts.slaResult = result;
}
