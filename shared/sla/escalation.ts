// What the server's SLA automation owes a task at `now`: warnings at shares of a target, a
// reminder after idle time, escalation levels (1: the queue's lead, 2: the managers), and when
// the next of these falls due, so the scheduler can wake up for it instead of sweeping hourly.
import type { PracticeConfig } from '../config/practice';
import type { SlaTargets } from '../config/schemas';
import type { Priority, Task } from '../task';
import { coveringFor } from '../coverage/coverage';
import { addBusinessMs } from './business-time';
import { calendarOf, slaStatus, type SlaStatus } from './clock';
import { lastChangeAt } from './timeline';

export { AUTOMATION_ACTOR_ID } from './timeline';
export const AUTOMATION_ACTOR_NAME = 'Baton automation';
/** History actions the escalation writes: `escalate_1`, `escalate_2`. */
export const ESCALATION_ACTION_PREFIX = 'escalate_';

/** The highest escalation level the task's history records (0 = never escalated). */
export function escalationLevel(task: Pick<Task, 'history'>): number {
  let level = 0;
  for (const entry of task.history) {
    if (entry.action?.startsWith(ESCALATION_ACTION_PREFIX))
      level = Math.max(level, Number(entry.action.slice(ESCALATION_ACTION_PREFIX.length)) || 0);
  }
  return level;
}

export interface SlaDuties {
  sla: SlaStatus;
  /** Once-keys of the warnings now due (one per clock and share). */
  warnings: string[];
  /** Once-key of the idle reminder now due ('' none): one per idle stretch. */
  reminder: string;
  /** The escalation level the task should be at (0 = none). */
  escalateTo: number;
  /** The next instant a duty falls due (Infinity: none). */
  nextAt: number;
}

const HOUR = 3600_000;
type SlaTask = Parameters<typeof slaStatus>[0] & Pick<Task, 'id' | 'typeId' | 'locationId' | 'history'>;

/** The duties of one open task under its type's rules; null when it has no SLA or is finished. */
export function slaDuties(task: SlaTask, config: PracticeConfig, now: number): SlaDuties | null {
  const rule: SlaTargets | undefined = config.taskTypes.get(task.typeId)?.sla;
  if (!rule) return null;
  const cal = calendarOf(config, task.locationId);
  const sla = slaStatus(task, rule, cal, now);
  if (!sla || sla.state === 'met' || sla.state === 'missed') return null;
  const future: number[] = [];
  const running = sla.state !== 'paused';
  const elapsedMs = sla.elapsedSeconds * 1000;
  const targetMs = sla.targetSeconds * 1000;

  const warnings: string[] = [];
  for (const share of rule.warnAt) {
    if (sla.state === 'breached') break;
    if (elapsedMs >= share * targetMs) warnings.push(`warn:${task.id}:${sla.clock}:${share}`);
    else if (running) future.push(addBusinessMs(cal, now, share * targetMs - elapsedMs));
  }

  // Idle counts from the last change by a person: the automation's own writes do not reset it.
  const changedAt = lastChangeAt(task, now);
  let reminder = '';
  if (rule.remindIdleHours > 0) {
    const at = addBusinessMs(cal, changedAt, rule.remindIdleHours * HOUR);
    if (at <= now) reminder = `remind:${task.id}:${changedAt}`;
    else future.push(at);
  }

  let escalateTo = 0;
  const idleEscalation = rule.escalateIdleHours > 0 ? addBusinessMs(cal, changedAt, rule.escalateIdleHours * HOUR) : Infinity;
  if (sla.state === 'breached' || idleEscalation <= now) escalateTo = 1;
  else {
    if (running && sla.dueAt) future.push(Date.parse(sla.dueAt));
    future.push(idleEscalation);
  }
  if (rule.managerAfterHours > 0) {
    const lateMs = -sla.leftSeconds * 1000;
    if (sla.state === 'breached' && lateMs >= rule.managerAfterHours * HOUR) escalateTo = 2;
    else if (running && sla.dueAt) future.push(addBusinessMs(cal, Date.parse(sla.dueAt), rule.managerAfterHours * HOUR));
  }
  return { sla, warnings, reminder, escalateTo, nextAt: Math.min(Infinity, ...future.filter((t) => t > now)) };
}

const PRIORITY_UP: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/** Who a level-1 escalation goes to at `at`: the queue's lead, or whoever covers for them ('' = no lead). */
export function escalationLead(queue: string, at: number, config: PracticeConfig): string {
  const lead = config.queues.get(queue)?.lead ?? '';
  return lead ? coveringFor(lead, at, config) : '';
}

/** Who the owner's warnings and reminders go to at `at`: the owner, or whoever covers for them. */
export const reminderTarget = (ownerId: string, at: number, config: PracticeConfig): string =>
  ownerId ? coveringFor(ownerId, at, config) : '';

/**
 * The task after escalating to `level` at `at`: a higher priority, and at level 1 (if the type
 * says so) the queue's lead (or their coverer, while the lead is out) as owner.
 */
export function escalatedTask<T extends Pick<Task, 'priority' | 'ownerId' | 'queue' | 'typeId'>>(
  task: T,
  level: number,
  config: PracticeConfig,
  at = Date.now(),
): T {
  const next = { ...task, priority: PRIORITY_UP[task.priority] };
  const lead = escalationLead(task.queue, at, config);
  if (level === 1 && lead && config.taskTypes.get(task.typeId)?.sla?.reassignToLead) next.ownerId = lead;
  return next;
}
