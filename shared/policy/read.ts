// Who reads what: the buckets of a user (the union over their roles, at their locations) and the
// access a user has to one task, computed from the same buckets so the UI, the pull and the push
// check can never disagree.
import { configBucket, queueBucket, reviewBucket, taskBuckets, userBucket } from '../buckets';
import type { PracticeConfig } from '../config/practice';
import type { Task } from '../task';
import { ROLES, type Role } from '../wire';
import { ROLE_POLICY } from './roles';

export interface PolicyUser {
  id: string;
  roles: readonly Role[];
  locationIds: readonly string[];
}

/** The queues `role` reads, given the practice's queues. */
export function queuesOf(role: Role, queueIds: Iterable<string>): string[] {
  const scope = ROLE_POLICY[role].queues;
  return scope === 'all' ? [...queueIds] : [...scope];
}

/** Every bucket the user reads; sorted and without duplicates (it is fingerprinted). */
export function readableBuckets(user: PolicyUser, queueIds: Iterable<string>): string[] {
  const queues = [...queueIds];
  const buckets = new Set([userBucket(user.id), configBucket('')]);
  for (const locationId of user.locationIds) {
    buckets.add(configBucket(locationId));
    for (const role of user.roles) {
      for (const queue of queuesOf(role, queues)) buckets.add(queueBucket(locationId, queue));
      if (ROLE_POLICY[role].reviews) buckets.add(reviewBucket(locationId, role));
    }
  }
  return [...buckets].sort();
}

/** The buckets of a task under the practice's current configuration. */
export function bucketsOfTask(
  task: Pick<Task, 'locationId' | 'queue' | 'ownerId' | 'status' | 'typeId'>,
  config: PracticeConfig,
): string[] {
  const type = config.taskTypes.get(task.typeId);
  return taskBuckets(task, type?.review.required ? type.review.role : '');
}

/**
 * 'work': the user owns the task or works its queue; 'review': they see it only because it awaits
 * their sign-off; 'none': they may not read it.
 */
export type TaskAccess = 'work' | 'review' | 'none';

export function taskAccess(
  user: PolicyUser,
  task: Pick<Task, 'locationId' | 'queue' | 'ownerId' | 'status' | 'typeId'>,
  config: PracticeConfig,
): TaskAccess {
  const readable = new Set(readableBuckets(user, config.queues.keys()));
  const mine = bucketsOfTask(task, config).filter((b) => readable.has(b));
  if (mine.length === 0) return 'none';
  return mine.some((b) => !b.includes(':review:')) ? 'work' : 'review';
}

/** Whether documents in these buckets are readable by `user`: the user's buckets worked out once, for many documents. */
export function bucketReader(user: PolicyUser, queueIds: Iterable<string>): (buckets: readonly string[]) => boolean {
  const readable = new Set(readableBuckets(user, queueIds));
  return (buckets) => buckets.some((b) => readable.has(b));
}

/** Whether `roles` may change configuration entries of `kind` (some field of them at least). */
export function mayEditConfig(roles: readonly Role[], kind: string): boolean {
  return roles.some((role) => {
    const scope = ROLE_POLICY[role].config;
    return scope === 'all' || (scope[kind as keyof typeof scope]?.length ?? 0) > 0;
  });
}

/** Roles in the order the policy lists them, without duplicates (how a user's roles are stored). */
export function normalizeRoles(roles: Iterable<Role>): Role[] {
  const set = new Set(roles);
  return ROLES.filter((r) => set.has(r));
}
