// Who may read what. Issue 4 grows this into the full role policy; today every role reads every
// queue at its locations, plus the documents addressed to the user personally.
import { configBucket, queueBucket, userBucket } from './buckets';

export interface PolicyUser {
  id: string;
  role: string;
  locationIds: string[];
}

/** `queueIds`: the practice's queues (from its configuration). */
export function readableBuckets(user: PolicyUser, queueIds: Iterable<string>): string[] {
  const buckets = [userBucket(user.id), configBucket('')];
  const queues = [...queueIds];
  for (const locationId of user.locationIds) {
    buckets.push(configBucket(locationId));
    for (const queue of queues) buckets.push(queueBucket(locationId, queue));
  }
  return buckets;
}

export function canReadBuckets(user: PolicyUser, queueIds: Iterable<string>, buckets: string[]): boolean {
  const readable = new Set(readableBuckets(user, queueIds));
  return buckets.some((b) => readable.has(b));
}

/** Who may change the practice's configuration: admins everything, managers who is out. */
export function mayEditConfig(role: string, kind: string): boolean {
  return role === 'admin' || (role === 'manager' && kind === 'staff');
}
