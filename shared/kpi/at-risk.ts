// "At risk" until the SLA clock (issue 12, shared/sla/) lands: open, not overdue, and due within
// the next 24 hours. One function, so the SLA state can replace it without touching the figures.
import type { Task } from '../task';
import { isOpenStatus } from '../workflow/statuses';

export const AT_RISK_WINDOW_MS = 24 * 3600_000;

export function isOverdue(task: Pick<Task, 'status' | 'dueAt'>, at: number): boolean {
  return isOpenStatus(task.status) && Date.parse(task.dueAt) < at;
}

export function isAtRisk(task: Pick<Task, 'status' | 'dueAt'>, at: number): boolean {
  const due = Date.parse(task.dueAt);
  return isOpenStatus(task.status) && due >= at && due < at + AT_RISK_WINDOW_MS;
}
