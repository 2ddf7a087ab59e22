// No task can vanish: whatever a task names (location, queue, type, category, reason code, owner,
// provider) must exist in the practice configuration, and be active where that applies, on every
// write, not only at filing. Only what a write sets or changes is checked, so retiring a queue,
// type or person later does not freeze the tasks that already name it.
import type { PracticeConfig } from '../config/practice';
import { LOCATION_LOCK_DEFAULTS } from '../config/schemas';
import type { Task } from '../task';
import type { Violation } from './check';

export interface ReferenceContext {
  /** The server's accounts: whether a user id is an active person (a workstation cannot know). */
  isActiveUser?: (userId: string) => boolean;
}

const unknown = (field: string, message: string): Violation => ({ code: 'invalid_document', field, message });

export function referenceViolation(
  before: Task | undefined,
  after: Task,
  config: PracticeConfig,
  context: ReferenceContext = {},
): Violation | undefined {
  const sets = (field: keyof Task) => (!before || before[field] !== after[field]) && after[field] !== '';
  if (sets('locationId') && !config.locations.has(after.locationId)) return unknown('locationId', `Unknown location "${after.locationId}"`);
  if (sets('queue') && !config.queues.has(after.queue)) return unknown('queue', `Unknown queue "${after.queue}"`);
  if (sets('typeId') && !config.taskTypes.get(after.typeId)?.active)
    return unknown('typeId', `Unknown or retired task type "${after.typeId}"`);
  if (sets('category') && !config.categories.has(after.category)) return unknown('category', `Unknown category "${after.category}"`);
  if (sets('reasonCode') && !config.reasonCodes.get(after.reasonCode)?.active)
    return unknown('reasonCode', `Unknown or retired reason code "${after.reasonCode}"`);
  for (const field of ['ownerId', 'providerId'] as const) {
    if (!sets(field)) continue;
    const person = config.staff.get(after[field]);
    const label = field === 'ownerId' ? 'owner' : 'provider';
    if (!person || (field === 'providerId' && person.role !== 'clinician'))
      return unknown(
        field,
        `The ${label} "${after[field]}" is not on the practice's staff list${field === 'providerId' ? ' as a clinician' : ''}`,
      );
    if (context.isActiveUser && !context.isActiveUser(after[field]))
      return unknown(field, `The ${label} ${person.displayName} has no active account`);
  }
  return undefined;
}

/** A workstation's clock may run this far ahead of the server's. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/**
 * Beyond the offline sign-in window: a person signed in just before the window closed may go on
 * working, and the workstation uploads at its next online sign-in. A task older than window +
 * grace was not filed by a workstation that followed the rules (or waited too long to upload: its
 * author finds it in their rejections, values kept, and files it again).
 */
export const OFFLINE_UPLOAD_GRACE_MS = 24 * 3600_000;

/**
 * A new task's createdAt: not in the future (beyond the clock skew), and not before the earliest
 * moment an offline workstation could have filed it: the location's offline sign-in window
 * (offlineSignInHours after the last online sign-in, 72 h by default) plus the grace above.
 */
export function createdAtViolation(task: Task, config: PracticeConfig, nowMs: number): Violation | undefined {
  const at = Date.parse(task.createdAt);
  if (at > nowMs + CLOCK_SKEW_MS) return unknown('createdAt', 'The task is dated in the future: check this computer’s date and time');
  const hours = config.locations.get(task.locationId)?.offlineSignInHours ?? LOCATION_LOCK_DEFAULTS.offlineSignInHours;
  if (at < nowMs - hours * 3600_000 - OFFLINE_UPLOAD_GRACE_MS) {
    return unknown('createdAt', `The task is dated before this location’s offline window (${hours} h): file it again with today’s date`);
  }
  return undefined;
}
