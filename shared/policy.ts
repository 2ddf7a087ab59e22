// Who may read what. Issue 4 grows this into the full role policy; today every role reads every
// queue at its locations, plus the documents addressed to the user personally.
import { configBucket, queueBucket, userBucket } from './buckets';
import { QUEUES } from './catalog';

export interface PolicyUser {
  id: string;
  role: string;
  locationIds: string[];
}

export function readableBuckets(user: PolicyUser): string[] {
  const buckets = [userBucket(user.id), configBucket('')];
  for (const locationId of user.locationIds) {
    buckets.push(configBucket(locationId));
    for (const queue of QUEUES) buckets.push(queueBucket(locationId, queue.id));
  }
  return buckets;
}

export function canReadBuckets(user: PolicyUser, buckets: string[]): boolean {
  const readable = new Set(readableBuckets(user));
  return buckets.some((b) => readable.has(b));
}

/** Who may change the practice's configuration: admins everything, managers who is out. */
export function mayEditConfig(role: string, kind: string): boolean {
  return role === 'admin' || (role === 'manager' && kind === 'staff');
}
