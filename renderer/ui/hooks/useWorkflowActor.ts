// The signed-in user as the workflow and the policy see them: id, name, roles and locations.
import { useMemo } from 'react';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { locationOf } from '../../workspace/workspace';
import type { WorkflowActor } from '../../workflow/workflow-write';

export function useWorkflowActor(): WorkflowActor {
  const { actor, user } = useWorkspace();
  return useMemo(() => ({ ...actor, roles: user.roles, locationIds: user.locationIds ?? [locationOf(user)] }), [actor, user]);
}
