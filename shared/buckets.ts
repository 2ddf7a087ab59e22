// Partial replication: every document lives in a set of buckets; a user pulls the buckets they may read.
import type { Task } from './task';
import type { Rejection } from './rejection';

export const queueBucket = (locationId: string, queue: string) => `loc:${locationId}:queue:${queue}`;
export const userBucket = (userId: string) => `user:${userId}`;

export function taskBuckets(task: Pick<Task, 'locationId' | 'queue' | 'ownerId'>): string[] {
  const buckets = [queueBucket(task.locationId, task.queue)];
  if (task.ownerId) buckets.push(userBucket(task.ownerId));
  return buckets;
}

export function rejectionBuckets(rejection: Pick<Rejection, 'userId'>): string[] {
  return [userBucket(rejection.userId)];
}
