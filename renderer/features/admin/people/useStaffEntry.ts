// Keeps a person's entry in the practice's staff list (what routing, the owner pickers and the
// provider list read) in step with their account, after the server took a change to it: a new
// person becomes assignable, a role or location change follows, a deactivated person is out.
import { useCallback } from 'react';
import type { StaffMember } from '../../../../shared/config/schemas';
import type { AdminUser } from '../../../../shared/wire';
import { useWorkspace } from '../../../workspace/WorkspaceContext';
import { saveConfigEntry } from '../admin-config';
import { staffEntryOf } from './people';
import { usePracticeConfig } from '../usePracticeConfig';

export function useStaffEntry() {
  const { workspace } = useWorkspace();
  const { config } = usePracticeConfig();
  return useCallback(
    async (person: Pick<AdminUser, 'id' | 'displayName' | 'roles' | 'locationIds'>, overrides: Partial<Pick<StaffMember, 'out'>> = {}) => {
      const body = { ...staffEntryOf(person, config.staff.get(person.id)), ...overrides };
      await saveConfigEntry(workspace.db, 'staff', person.id, body);
    },
    [workspace, config],
  );
}
