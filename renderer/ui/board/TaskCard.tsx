// A task on the board: what it is, for whom, when it is due.
import CloudUploadOutlined from '@mui/icons-material/CloudUploadOutlined';
import { Box, ButtonBase, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { memo } from 'react';
import type { Task } from '../../../shared/task';
import { labelOf, QUEUES, TASK_TYPES } from '../../catalog/catalog';
import { useBoardUi } from '../../state/board-ui';
import { DueDate } from '../common/DueDate';
import { PriorityChip } from '../common/PriorityChip';

export const TaskCard = memo(function TaskCard({ task }: { task: Task }) {
  const openTask = useBoardUi((s) => s.openTask);
  return (
    <Paper variant="outlined" sx={{ borderColor: 'transparent', '&:hover': { borderColor: 'primary.light' } }}>
      <ButtonBase
        onClick={() => openTask(task.id)}
        data-testid="task-card"
        data-task-id={task.id}
        sx={{ display: 'block', width: '100%', textAlign: 'left', p: 1.25, borderRadius: 2 }}
      >
        <Typography variant="body2" fontWeight={600} sx={{ lineHeight: 1.35, mb: 0.5 }} data-testid="task-title">
          {task.title}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div" noWrap>
          {labelOf(TASK_TYPES, task.typeId)} · {labelOf(QUEUES, task.queue)}
        </Typography>
        {task.patientRef && (
          <Typography variant="caption" component="div" noWrap sx={{ color: 'text.primary' }}>
            {task.patientRef}
          </Typography>
        )}
        <Stack direction="row" spacing={1} alignItems="center" sx={{ mt: 0.75 }}>
          <PriorityChip priority={task.priority} />
          <DueDate dueAt={task.dueAt} status={task.status} />
          <Box sx={{ flex: 1 }} />
          {task.pendingSync && (
            <Tooltip title="Saved on this workstation, waiting to upload">
              <CloudUploadOutlined sx={{ fontSize: 16, color: 'text.disabled' }} data-testid="task-pending" />
            </Tooltip>
          )}
        </Stack>
      </ButtonBase>
    </Paper>
  );
});
