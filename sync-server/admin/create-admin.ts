// The bootstrap behind `npm run admin:create`: the first administrator of a server started without
// the demo, or a new one when every admin has lost access. Audited like the admin API's user_created.
import { z } from 'zod';
import { generatePassword } from '../../shared/temporary-password';
import { NewUserRequest, type AdminUser } from '../../shared/wire';
import { recordAudit } from '../audit/record';
import type { Storage } from '../storage/types';
import { adminUserOf, createUser } from './users';

export const CreateAdminInput = NewUserRequest.pick({ username: true, displayName: true, locationIds: true }).extend({
  /** Absent: a random one is made and handed back (the command prints it once). */
  password: NewUserRequest.shape.password.optional(),
});
export type CreateAdminInput = z.input<typeof CreateAdminInput>;

export async function createAdmin(storage: Storage, raw: CreateAdminInput): Promise<{ user: AdminUser; generatedPassword?: string }> {
  const input = CreateAdminInput.parse(raw);
  const generatedPassword = input.password ? undefined : generatePassword();
  const password = input.password ?? generatedPassword!;
  // A generated password is printed once and meant to be replaced; a given one was chosen.
  const user = adminUserOf(await createUser(storage, { ...input, roles: ['admin'], password }, { temporary: !input.password }));
  await recordAudit(storage, {
    actorId: '',
    workstationId: 'admin-cli',
    action: 'user_created',
    collection: 'users',
    docId: user.id,
    after: { username: user.username, displayName: user.displayName, roles: user.roles, locationIds: user.locationIds },
  });
  return { user, ...(generatedPassword ? { generatedPassword } : {}) };
}
