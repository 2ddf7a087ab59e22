import EventOutlined from '@mui/icons-material/EventOutlined';
import { Stack, Typography } from '@mui/material';
import { FINISHED_STATUSES, formatDue, isOverdue } from './labels';

export function DueDate({ dueAt, status }: { dueAt: string; status: string }) {
  const late = isOverdue(dueAt) && !FINISHED_STATUSES.has(status);
  return (
    <Stack direction="row" spacing={0.25} alignItems="center" sx={{ color: late ? 'error.main' : 'text.secondary' }}>
      <EventOutlined sx={{ fontSize: 14 }} />
      <Typography variant="caption" fontWeight={late ? 600 : 400}>
        {late ? `Overdue · ${formatDue(dueAt)}` : formatDue(dueAt)}
      </Typography>
    </Stack>
  );
}
