// Creating a person and setting a password, shared by the admin API and the bootstrap command
// (npm run admin:create). The password is hashed here (argon2id, as sign-in checks it) and goes
// nowhere else: not to the audit, not to a log.
import { newId } from '../../shared/ids';
import { normalizeRoles } from '../../shared/policy';
import type { AdminUser, NewUserRequest } from '../../shared/wire';
import { rolesOf } from '../auth/actor';
import { hashPassword } from '../auth/passwords';
import type { Storage, UserRecord } from '../storage/types';

export class UsernameTakenError extends Error {
  constructor(username: string) {
    super(`The username ${username} is already taken`);
  }
}

export const adminUserOf = ({ id, username, displayName, roles, locationIds, active }: UserRecord): AdminUser => ({
  id,
  username,
  displayName,
  roles: rolesOf(roles),
  locationIds,
  active,
});

/**
 * Inserts an active user; UsernameTakenError when the name exists in any letter case. The password
 * is `temporary` when an admin gives it to someone else (the app then asks them for their own).
 */
export async function createUser(
  storage: Storage,
  input: NewUserRequest,
  {
    temporary,
    hash = hashPassword,
  }: { temporary: boolean; /** The server passes its password gate's. */ hash?: (password: string) => Promise<string> },
): Promise<UserRecord> {
  if (await storage.findUserByUsername(input.username)) throw new UsernameTakenError(input.username);
  const user: UserRecord = {
    id: `u-${newId()}`,
    username: input.username,
    displayName: input.displayName,
    roles: normalizeRoles(input.roles),
    locationIds: [...new Set(input.locationIds)],
    passwordHash: await hash(input.password),
    passwordTemporary: temporary,
    active: true,
    createdAt: new Date().toISOString(),
  };
  try {
    await storage.insertUser(user);
  } catch (error) {
    // Two admins adding the same name at once: the unique index decides.
    if (await storage.findUserByUsername(input.username)) throw new UsernameTakenError(input.username);
    throw error;
  }
  return user;
}
