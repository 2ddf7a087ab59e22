// Moves a task between statuses (workflow rules arrive with issue 3; the server will enforce them).
import { MenuItem, TextField } from '@mui/material';
import { STATUS_LABELS, TASK_STATUSES, type Task, type TaskStatus } from '../../../shared/task';
import { useWorkspace } from '../../app/WorkspaceContext';
import { updateTask } from '../../data/tasks';

export function StatusControl({ task }: { task: Task }) {
  const { workspace } = useWorkspace();
  return (
    <TextField
      select
      label="Status"
      value={task.status}
      onChange={(e) => void updateTask(workspace.db, task.id, { status: e.target.value as TaskStatus })}
      sx={{ minWidth: 220 }}
      slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'status-select' } as object } }}
    >
      {TASK_STATUSES.map((s) => (
        <MenuItem key={s} value={s} data-testid={`status-option-${s}`}>
          {STATUS_LABELS[s]}
        </MenuItem>
      ))}
    </TextField>
  );
}
