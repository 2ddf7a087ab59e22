// The SLA views as pure functions of the tasks, the configuration and `now`: "At risk" (at risk or
// breached, least time left first) and the manager's "Exceptions" (breached, escalated, rejected,
// sent back for information, or waiting long).
import type { PracticeConfig } from '../../../shared/config/practice';
import { businessMsBetween } from '../../../shared/sla/business-time';
import { calendarOf, taskSla, type SlaStatus } from '../../../shared/sla/clock';
import { escalationLevel } from '../../../shared/sla/escalation';
import type { Task } from '../../../shared/task';
import { isOpenStatus } from '../../../shared/workflow/statuses';

export type ExceptionReason = 'breached' | 'escalated' | 'rejected' | 'needs_info' | 'long_waiting';
/** Waiting this many business hours (two working days) makes a task an exception. */
const LONG_WAIT_BUSINESS_HOURS = 16;

export interface SlaRow {
  task: Task;
  sla: SlaStatus | null;
  reasons: ExceptionReason[];
}

const leftOf = (row: SlaRow) => row.sla?.leftSeconds ?? Infinity;
const byLeft = (a: SlaRow, b: SlaRow) => leftOf(a) - leftOf(b) || a.task.id.localeCompare(b.task.id);

/** Open tasks at risk or breached, the least time left (the most overdue) first. */
export function atRiskRows(tasks: readonly Task[], config: PracticeConfig, now: number): SlaRow[] {
  const rows: SlaRow[] = [];
  for (const task of tasks) {
    if (!isOpenStatus(task.status)) continue;
    const sla = taskSla(task, config, now);
    if (sla && (sla.state === 'at_risk' || sla.state === 'breached')) rows.push({ task, sla, reasons: [] });
  }
  return rows.sort(byLeft);
}

function exceptionReasons(task: Task, sla: SlaStatus | null, config: PracticeConfig, now: number): ExceptionReason[] {
  const reasons: ExceptionReason[] = [];
  if (sla?.state === 'breached') reasons.push('breached');
  if (escalationLevel(task) > 0) reasons.push('escalated');
  if (task.status === 'rejected') reasons.push('rejected');
  if (task.status === 'needs_info') reasons.push('needs_info');
  if (task.status === 'waiting') {
    const since = Date.parse(sla?.waitingSince || task.statusSince);
    if (!Number.isNaN(since) && businessMsBetween(calendarOf(config, task.locationId), since, now) >= LONG_WAIT_BUSINESS_HOURS * 3600_000)
      reasons.push('long_waiting');
  }
  return reasons;
}

/** Open tasks with at least one exception reason, the least time left first. */
export function exceptionRows(tasks: readonly Task[], config: PracticeConfig, now: number): SlaRow[] {
  const rows: SlaRow[] = [];
  for (const task of tasks) {
    if (!isOpenStatus(task.status)) continue;
    const sla = taskSla(task, config, now);
    const reasons = exceptionReasons(task, sla, config, now);
    if (reasons.length) rows.push({ task, sla, reasons });
  }
  return rows.sort(byLeft);
}
