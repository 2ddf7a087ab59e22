// What a card says about time: what the task waits on next and since when (every status, not only
// "waiting"), and its age. Pure, so the wording and the clock rules are tested without a browser.
import type { TaskStatus } from '../../../shared/task';

/** What an open task waits on, by status, when nobody outside holds it (the SLA's waiting line says that). */
const NEXT_STEP: Partial<Record<TaskStatus, string>> = {
  new: 'Waiting on triage',
  ready: 'Ready to start',
  in_progress: 'In progress',
  needs_review: 'Waiting on sign-off',
  in_review: 'In review',
  approved: 'Approved, to finish',
  rejected: 'Rejected, to follow up',
  done: 'Done',
  closed: 'Closed',
};

export interface NextStepTask {
  status: TaskStatus;
  statusSince: string;
  createdAt: string;
}

/**
 * "Waiting on Dr. Chen’s sign-off since Dec 4, 3:12 PM": the status's next step since the task
 * entered it (its creation where the server has not stamped that yet). `provider`: the name of the
 * clinician a review waits for, if the task names one.
 */
export function nextStepText(task: NextStepTask, formatTime: (iso: string) => string, provider?: string): string {
  const step = task.status === 'needs_review' && provider ? `Waiting on ${provider}’s sign-off` : NEXT_STEP[task.status];
  if (!step) return '';
  return `${step} since ${formatTime(task.statusSince || task.createdAt)}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The task's age since it was filed, coarse as a glance wants it: "new" under a minute, then
 * "12 min", "5 h", "3 d". A creation time ahead of this machine's clock (a clock that is wrong)
 * reads "new", never a negative age.
 */
export function ageText(createdAt: string, now: number): string {
  const age = now - Date.parse(createdAt);
  if (Number.isNaN(age)) return '';
  if (age < MINUTE) return 'new';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h`;
  return `${Math.floor(age / DAY)} d`;
}
