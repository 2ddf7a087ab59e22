// What a user reads right now, from their stored roles and locations and the practice's queues.
import { readableBuckets } from '../../shared/policy';
import { rolesOf } from '../auth/actor';
import type { UserRecord } from '../storage/types';
import type { SyncContext } from './context';
import type { ScopeOf } from './stream';

export async function bucketsOfUser(sync: SyncContext, user: Pick<UserRecord, 'id' | 'roles' | 'locationIds'>): Promise<string[]> {
  const queues = (await sync.practice.get()).queues.keys();
  return readableBuckets({ id: user.id, roles: rolesOf(user.roles), locationIds: user.locationIds }, queues);
}

/** For the stream hub: an inactive or unknown user reads nothing. */
export const scopeOfUser =
  (sync: SyncContext): ScopeOf =>
  async (userId) => {
    const user = await sync.storage.getUser(userId);
    return user?.active ? bucketsOfUser(sync, user) : undefined;
  };
