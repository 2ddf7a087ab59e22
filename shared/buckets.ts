// Partial replication: every document lives in a set of buckets; a user pulls the buckets they may read.
import type { Task, TaskStatus } from './task';
import type { Rejection } from './rejection';
import type { ConfigDoc } from './config/schemas';

export const queueBucket = (locationId: string, queue: string) => `loc:${locationId}:queue:${queue}`;
/** Tasks waiting for the sign-off of `role` at a location (needs review, in review). */
export const reviewBucket = (locationId: string, role: string) => `loc:${locationId}:review:${role}`;
export const userBucket = (userId: string) => `user:${userId}`;
/** Practice-wide configuration ('' location) or one location's. */
export const configBucket = (locationId: string) => `config:${locationId || 'all'}`;

export const AWAITING_REVIEW: readonly TaskStatus[] = ['needs_review', 'in_review'];

/**
 * `reviewRole`: the role that signs off the task's type ('' or undefined: none); the task is in
 * that role's review bucket while it awaits review, and leaves it when the review is finished.
 */
export function taskBuckets(task: Pick<Task, 'locationId' | 'queue' | 'ownerId' | 'status'>, reviewRole?: string): string[] {
  const buckets = [queueBucket(task.locationId, task.queue)];
  if (task.ownerId) buckets.push(userBucket(task.ownerId));
  if (reviewRole && AWAITING_REVIEW.includes(task.status)) buckets.push(reviewBucket(task.locationId, reviewRole));
  return buckets;
}

export function rejectionBuckets(rejection: Pick<Rejection, 'userId'>): string[] {
  return [userBucket(rejection.userId)];
}

export function configBuckets(doc: Pick<ConfigDoc, 'locationId'>): string[] {
  return [configBucket(doc.locationId)];
}
