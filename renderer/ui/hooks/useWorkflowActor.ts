// The signed-in user as the workflow sees them: id, name and role.
import { useMemo } from 'react';
import { useWorkspace } from '../../app/WorkspaceContext';
import type { WorkflowActor } from '../../data/workflow-write';

export function useWorkflowActor(): WorkflowActor {
  const { actor, user } = useWorkspace();
  return useMemo(() => ({ ...actor, role: user.role }), [actor, user.role]);
}
