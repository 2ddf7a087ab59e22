// Sign-off by the right clinician: a task that names a provider waits for that provider (or whoever
// covers for them while they are out), not for every clinician at the location. A task without a
// provider waits for the type's review role, as before. Managers may still decide any review: they
// are the fallback when a provider is out with nobody to cover, and they could reassign anyway.
import { AWAITING_REVIEW } from '../buckets';
import { actsFor, coveringFor } from '../coverage/coverage';
import type { PracticeConfig } from '../config/practice';
import type { Task } from '../task';
import { ACTIONS, mayTake, type ActionDef } from '../workflow/actions';
import type { PolicyUser } from './read';
import { anyRole } from './roles';

const APPROVE = ACTIONS.find((a) => a.id === 'approve') as ActionDef;

/** Who signs off the task at `at`: the provider or their coverer; '' = anyone of the type's review role. */
function signOffBy(task: Pick<Task, 'providerId'>, at: number, config: PracticeConfig): string {
  return task.providerId ? coveringFor(task.providerId, at, config) : '';
}

/** Whether the user may take a review action (pick up, approve, reject, send back) on the task at `at`, as far as the provider rule goes. */
export function maySignOff(
  user: Pick<PolicyUser, 'id' | 'roles'>,
  task: Pick<Task, 'providerId'>,
  at: number,
  config: PracticeConfig,
): boolean {
  if (!task.providerId || anyRole(user.roles, (p) => p.manages)) return true;
  return actsFor(user.id, task.providerId, at, config);
}

/** The refusal a review by someone else gets: names the provider by their staff name (no PHI). */
export function signOffMessage(task: Pick<Task, 'providerId'>, at: number, config: PracticeConfig): string {
  const name = (id: string) => config.staff.get(id)?.displayName ?? id;
  const by = signOffBy(task, at, config);
  const covering = by && by !== task.providerId ? ` (covered by ${name(by)})` : '';
  return `This task waits for the sign-off of ${name(task.providerId)}${covering}`;
}

/** Whether the task waits for a sign-off this user may give at `at`: their roles sign off its type, and the provider rule lets them. */
export function waitsForSignOffBy(
  user: Pick<PolicyUser, 'id' | 'roles'>,
  task: Pick<Task, 'status' | 'typeId' | 'providerId'>,
  at: number,
  config: PracticeConfig,
): boolean {
  return (
    AWAITING_REVIEW.includes(task.status) &&
    mayTake(APPROVE, user.roles, config.taskTypes.get(task.typeId)) &&
    maySignOff(user, task, at, config)
  );
}
