// Overdue and at risk, one rule for the dashboard and the endpoint. Overdue: open with its due
// date passed. At risk: where the task's type has SLA targets, what the board's "At risk" view
// shows (the SLA state at_risk or breached, shared/sla/clock.ts); for a type without targets,
// open, not overdue and due within the next 24 hours.
import type { SlaState } from '../sla/clock';
import type { Task } from '../task';
import { isOpenStatus } from '../workflow/statuses';

const AT_RISK_WINDOW_MS = 24 * 3600_000;

export function isOverdue(task: Pick<Task, 'status' | 'dueAt'>, at: number): boolean {
  return isOpenStatus(task.status) && isOverdueAt(Date.parse(task.dueAt), at);
}

/** The due-date rule, for tasks whose type sets no SLA targets. */
function isAtRisk(task: Pick<Task, 'status' | 'dueAt'>, at: number): boolean {
  return isOpenStatus(task.status) && isAtRiskAt(Date.parse(task.dueAt), at);
}

/** The same two rules for open work whose due time is already parsed (the figures' hot loop). */
export const isOverdueAt = (due: number, at: number) => due < at;
export const isAtRiskAt = (due: number, at: number) => due >= at && due < at + AT_RISK_WINDOW_MS;

/** At risk by the SLA state when there is one (null: the type sets no targets), else by the due date. */
export function isAtRiskNow(task: Pick<Task, 'status' | 'dueAt'>, at: number, sla: SlaState | null): boolean {
  if (sla === null) return isAtRisk(task, at);
  return isOpenStatus(task.status) && (sla === 'at_risk' || sla === 'breached');
}
