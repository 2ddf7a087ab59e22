// An open task: status, fields, notes and history, live from the replica.
import CloseIcon from '@mui/icons-material/Close';
import { Box, Button, Divider, Drawer, IconButton, Stack, Typography } from '@mui/material';
import { useWorkspace } from '../../app/WorkspaceContext';
import { task$ } from '../../data/board-data';
import { updateTask } from '../../data/tasks';
import { useBoardUi } from '../../state/board-ui';
import { formatDateTime } from '../common/labels';
import { useObservable } from '../hooks/useObservable';
import { HistoryPanel } from './HistoryPanel';
import { NotesPanel } from './NotesPanel';
import { StatusControl } from './StatusControl';
import { TaskDetailsForm } from './TaskDetailsForm';

export function TaskDrawer() {
  const openTaskId = useBoardUi((s) => s.openTaskId);
  const openTask = useBoardUi((s) => s.openTask);
  return (
    <Drawer anchor="right" open={!!openTaskId} onClose={() => openTask(null)} slotProps={{ paper: { sx: { width: 520, maxWidth: '100vw' } } }}>
      {openTaskId && <TaskPanel id={openTaskId} onClose={() => openTask(null)} />}
    </Drawer>
  );
}

function TaskPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { workspace, user } = useWorkspace();
  const task = useObservable(() => task$(workspace.db, id), undefined, [workspace, id]);
  if (task === undefined) return null;
  if (task === null) {
    return (
      <Box sx={{ p: 3 }}>
        <Typography>This task is no longer on this workstation (it was moved out of your queues or deleted).</Typography>
      </Box>
    );
  }
  return (
    <Stack sx={{ height: '100%' }} data-testid="task-drawer" data-task-id={task.id}>
      <Stack direction="row" alignItems="flex-start" spacing={1} sx={{ p: 2, pb: 1.5 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="h6" component="h2" data-testid="drawer-title" sx={{ lineHeight: 1.3 }}>
            {task.title}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            Last changed {formatDateTime(task.updatedAt)}
            {task.pendingSync ? ' · waiting to upload' : ''}
          </Typography>
        </Box>
        <IconButton aria-label="Close" onClick={onClose} data-testid="drawer-close">
          <CloseIcon />
        </IconButton>
      </Stack>
      <Stack direction="row" spacing={1.5} alignItems="center" sx={{ px: 2, pb: 2 }}>
        <StatusControl task={task} />
        {task.ownerId !== user.id && (
          <Button variant="outlined" onClick={() => void updateTask(workspace.db, task.id, { ownerId: user.id })} data-testid="assign-to-me">
            Assign to me
          </Button>
        )}
      </Stack>
      <Divider />
      <Box sx={{ flex: 1, overflowY: 'auto', p: 2 }}>
        <Stack spacing={3}>
          <TaskDetailsForm task={task} />
          <NotesPanel task={task} />
          <HistoryPanel task={task} />
        </Stack>
      </Box>
    </Stack>
  );
}
