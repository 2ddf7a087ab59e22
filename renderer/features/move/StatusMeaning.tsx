// The target status's meaning and exit criteria, where a user moves a task.
import { Box, Typography } from '@mui/material';
import { STATUS_LABELS, type TaskStatus } from '../../../shared/task';
import { STATUS_INFO } from '../../../shared/workflow/statuses';

export function StatusMeaning({ from, to }: { from: TaskStatus; to: TaskStatus }) {
  return (
    <Box sx={{ bgcolor: '#f3f6f9', borderRadius: 1.5, px: 1.5, py: 1, mb: 2 }} data-testid="move-status-info">
      <Typography variant="body2">
        <strong>{STATUS_LABELS[from]}</strong> → <strong>{STATUS_LABELS[to]}</strong>: {STATUS_INFO[to].meaning}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        To leave {STATUS_LABELS[to].toLowerCase()}: {STATUS_INFO[to].exitCriteria}
      </Typography>
    </Box>
  );
}
