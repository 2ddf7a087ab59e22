// The task type's checklist: items tick off in place (sending to review or done needs all of them).
import { Checkbox, FormControlLabel, Stack, Typography } from '@mui/material';
import type { Task } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { toggleChecklistItem } from '../../workflow/workflow-write';
import { useTaskPermissions } from '../../ui/hooks/useTaskPermissions';

export function ChecklistPanel({ task }: { task: Task }) {
  const { workspace } = useWorkspace();
  const editable = useTaskPermissions(task).mayEdit('checklist');
  if (task.checklist.length === 0) return null;
  const done = task.checklist.filter((i) => i.done).length;
  const toggle = (id: string) => void toggleChecklistItem(workspace.db, task.id, id);
  return (
    <Stack component="section" aria-label="Checklist" spacing={0}>
      <Typography variant="subtitle2">
        Checklist ({done}/{task.checklist.length})
      </Typography>
      {task.checklist.map((item) => (
        <FormControlLabel
          key={item.id}
          control={
            <Checkbox
              size="small"
              checked={item.done}
              disabled={!editable}
              onChange={() => toggle(item.id)}
              slotProps={{ input: { 'aria-label': item.label } }}
            />
          }
          label={<Typography variant="body2">{item.label}</Typography>}
          data-testid="checklist-item"
          data-done={item.done}
        />
      ))}
    </Stack>
  );
}
