// GET /api/reports/sla: every task the caller may read with its SLA state at `at`; the dashboard
// and outside tools read it. Built from the same slaStatus the board shows.
import { z } from 'zod';
import type { PracticeConfig } from '../config/practice';
import type { Task } from '../task';
import { SLA_STATES, taskSla, type SlaTask } from './clock';
import { escalationLevel } from './escalation';

const SlaReportRow = z.object({
  taskId: z.string(),
  state: z.enum(SLA_STATES),
  /** '' when the clock can never fall due (a location that never opens). */
  dueAt: z.string(),
  pausedSeconds: z.number().int().nonnegative(),
  idleSeconds: z.number().int().nonnegative(),
  escalationLevel: z.number().int().nonnegative(),
});
type SlaReportRow = z.infer<typeof SlaReportRow>;
export const SlaReport = z.object({ at: z.iso.datetime(), tasks: z.array(SlaReportRow) });
export type SlaReport = z.infer<typeof SlaReport>;

/** The report's rows: tasks whose type sets SLA targets, in the order given. */
export function slaReport(
  tasks: readonly (SlaTask & Pick<Task, 'id' | 'typeId' | 'locationId'>)[],
  config: PracticeConfig,
  now: number,
): SlaReport {
  const rows: SlaReportRow[] = [];
  for (const task of tasks) {
    const sla = taskSla(task, config, now);
    if (!sla) continue;
    rows.push({
      taskId: task.id,
      state: sla.state,
      dueAt: sla.dueAt,
      pausedSeconds: sla.pausedSeconds,
      idleSeconds: Math.max(0, sla.idleSeconds),
      escalationLevel: escalationLevel(task),
    });
  }
  return { at: new Date(now).toISOString(), tasks: rows };
}
