// GET /api/reports/sla: every task the caller may read with its SLA state at `at`; the dashboard
// and outside tools read it. Built from the same slaStatus the board shows.
import { z } from 'zod';
import type { PracticeConfig } from '../config/practice';
import type { Task } from '../task';
import { SLA_STATES, taskSla } from './clock';

export const SlaReportRow = z.object({
  taskId: z.string(),
  state: z.enum(SLA_STATES),
  /** '' when the clock can never fall due (a location that never opens). */
  dueAt: z.string(),
  pausedSeconds: z.number().int().nonnegative(),
  idleSeconds: z.number().int().nonnegative(),
  escalationLevel: z.number().int().nonnegative(),
});
export type SlaReportRow = z.infer<typeof SlaReportRow>;
export const SlaReport = z.object({ at: z.iso.datetime(), tasks: z.array(SlaReportRow) });
export type SlaReport = z.infer<typeof SlaReport>;

/** History actions the server's escalation writes: `escalate_1`, `escalate_2`, … */
export const ESCALATION_ACTION_PREFIX = 'escalate_';

/** The highest escalation level the task's history records (0 = never escalated). */
export function escalationLevel(task: Pick<Task, 'history'>): number {
  let level = 0;
  for (const entry of task.history) {
    if (entry.action?.startsWith(ESCALATION_ACTION_PREFIX)) level = Math.max(level, Number(entry.action.slice(ESCALATION_ACTION_PREFIX.length)) || 0);
  }
  return level;
}

/** The report's rows: tasks whose type sets SLA targets, in the order given. */
export function slaReport(tasks: Task[], config: PracticeConfig, now: number): SlaReport {
  const rows: SlaReportRow[] = [];
  for (const task of tasks) {
    const sla = taskSla(task, config, now);
    if (!sla) continue;
    rows.push({ taskId: task.id, state: sla.state, dueAt: sla.dueAt, pausedSeconds: sla.pausedSeconds, idleSeconds: Math.max(0, sla.idleSeconds), escalationLevel: escalationLevel(task) });
  }
  return { at: new Date(now).toISOString(), tasks: rows };
}
