// Partial replication: every document lives in a set of buckets; a user pulls the buckets they may read.
import type { Task } from './task';
import type { Rejection } from './rejection';
import type { ConfigDoc } from './config/schemas';

export const queueBucket = (locationId: string, queue: string) => `loc:${locationId}:queue:${queue}`;
export const userBucket = (userId: string) => `user:${userId}`;
/** Practice-wide configuration ('' location) or one location's. */
export const configBucket = (locationId: string) => `config:${locationId || 'all'}`;

export function taskBuckets(task: Pick<Task, 'locationId' | 'queue' | 'ownerId'>): string[] {
  const buckets = [queueBucket(task.locationId, task.queue)];
  if (task.ownerId) buckets.push(userBucket(task.ownerId));
  return buckets;
}

export function rejectionBuckets(rejection: Pick<Rejection, 'userId'>): string[] {
  return [userBucket(rejection.userId)];
}

export function configBuckets(doc: Pick<ConfigDoc, 'locationId'>): string[] {
  return [configBucket(doc.locationId)];
}
