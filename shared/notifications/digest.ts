// The daily digest: at the start of a person's day (their location's first opening that day, in
// its time zone) the counts of their open work that needs them. Pure: the server's pass calls it
// with its clock, tests with any clock.
import type { PracticeConfig } from '../config/practice';
import { dayOpening, nextDayOpening } from '../sla/business-time';
import { calendarOf, taskSla } from '../sla/clock';
import { isOverdue } from '../kpi/at-risk';
import type { Task } from '../task';
import { isOpenStatus } from '../workflow/statuses';
import type { DigestCounts } from './schema';

/** Statuses in which the owner waits on someone else (a patient, an insurer, a provider, a reviewer). */
const WAITING_ON_OTHERS: readonly string[] = ['waiting', 'needs_review', 'in_review'];

export function digestCounts(owned: readonly Task[], practice: PracticeConfig, now: number): DigestCounts {
  const counts = { overdue: 0, atRisk: 0, waiting: 0 };
  for (const task of owned) {
    if (!isOpenStatus(task.status)) continue;
    const sla = taskSla(task, practice, now);
    // The SLA clock where the type has one; the due date where it has none.
    if (sla ? sla.state === 'breached' : isOverdue(task, now)) counts.overdue++;
    else if (sla?.state === 'at_risk') counts.atRisk++;
    if (WAITING_ON_OTHERS.includes(task.status)) counts.waiting++;
  }
  return counts;
}

export interface DigestDue {
  /** The once-key of today's digest ('' when none is due now: before opening, or closed today). */
  key: string;
  /** When the next digest of this person falls due. */
  nextAt: number;
}

/** Whether `userId`'s digest for their local day is due at `now`, and when the next one is. */
export function digestDue(userId: string, locationId: string, practice: PracticeConfig, now: number): DigestDue {
  const cal = calendarOf(practice, locationId);
  const today = dayOpening(cal, now);
  const nextAt = today.opensAt !== undefined && now < today.opensAt ? today.opensAt : nextDayOpening(cal, now);
  const due = today.opensAt !== undefined && now >= today.opensAt;
  return { key: due ? `digest:${userId}:${today.date}` : '', nextAt };
}
