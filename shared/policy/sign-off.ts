// Sign-off by the right clinician: a task that names a provider waits for that provider (or whoever
// covers for them while they are out), not for every clinician at the location. A task without a
// provider waits for the type's review role, as before. Managers may still decide any review: they
// are the fallback when a provider is out with nobody to cover, and they could reassign anyway.
import { actsFor, coveringFor } from '../coverage/coverage';
import type { PracticeConfig } from '../config/practice';
import type { Task } from '../task';
import type { PolicyUser } from './read';
import { anyRole } from './roles';

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
