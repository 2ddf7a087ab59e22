// Keeps a person's entry in the practice's staff list (what routing, the owner pickers and the
// provider list read) in step with their account, after the server took a change to it: a new
// person becomes assignable, a role or location change follows, a deactivated person is out.
import { useCallback } from 'react';
import { firstValueFrom } from 'rxjs';
import type { StaffMember } from '../../../../shared/config/schemas';
import type { AdminUser } from '../../../../shared/wire';
import { practiceConfig$ } from '../../../db/config';
import type { Workspace } from '../../../workspace/workspace';
import { useWorkspace } from '../../../workspace/WorkspaceContext';
import { saveConfigEntry } from '../admin-config';
import { staffEntryOf } from './people';

export function useStaffEntry() {
  const { workspace } = useWorkspace();
  return useCallback(
    async (person: Pick<AdminUser, 'id' | 'displayName' | 'roles' | 'locationIds'>, overrides: Partial<Pick<StaffMember, 'out'>> = {}) => {
      const body = { ...staffEntryOf(person, await knownEntry(workspace, person.id)), ...overrides };
      await saveConfigEntry(workspace.db, 'staff', person.id, body);
    },
    [workspace],
  );
}

/**
 * The person's entry as the replica holds it. Missing, it may only not have arrived yet (a fresh
 * workstation's first sync): an entry written without the server's copy under it loses every clash
 * to that copy (a deactivated person would stay routable), so it waits for the sync first.
 */
async function knownEntry(workspace: Workspace, userId: string): Promise<StaffMember | undefined> {
  const entry = async () => (await firstValueFrom(practiceConfig$(workspace.db))).staff.get(userId);
  const held = await entry();
  if (held) return held;
  await workspace.sync.awaitInSync();
  return entry();
}
