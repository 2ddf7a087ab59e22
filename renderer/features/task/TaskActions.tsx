// The moves the workflow offers this user for the task, as buttons, and "Assign to me".
import { Button, Stack } from '@mui/material';
import type { PracticeConfig } from '../../../shared/config/practice';
import type { Task } from '../../../shared/task';
import { allowedActions, mayTakeTask } from '../../../shared/policy';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { useWorkflowActor } from '../../ui/hooks/useWorkflowActor';
import { updateTask } from '../../db/tasks';
import { useBoardUi } from '../board';

export function TaskActions({ task, config }: { task: Task; config: PracticeConfig }) {
  const { workspace, user } = useWorkspace();
  const actor = useWorkflowActor();
  const openMove = useBoardUi((s) => s.openMove);
  // Accept lives in the triage panel, where the owner is chosen. Only what the policy allows shows.
  const actions = allowedActions(actor, task, config).filter((a) => a.id !== 'accept');
  return (
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }} data-testid="task-actions">
      {actions.map((a) => (
        <Button
          key={`${a.id}:${a.to}`}
          size="small"
          variant="outlined"
          onClick={() => openMove({ taskId: task.id, actionId: a.id })}
          data-testid={`action-${a.id}`}
        >
          {a.label}
        </Button>
      ))}
      {mayTakeTask(actor, task, config) && (
        <Button size="small" onClick={() => void updateTask(workspace.db, task.id, { ownerId: user.id })} data-testid="assign-to-me">
          Assign to me (M)
        </Button>
      )}
    </Stack>
  );
}
