// A task's due date on a card or a row: "Overdue" by the one rule used everywhere (open and past
// due, shared/kpi/at-risk.ts), the time of day when it is due today.
import EventOutlined from '@mui/icons-material/EventOutlined';
import { Stack, Typography } from '@mui/material';
import { isOverdue } from '../../../shared/kpi/at-risk';
import type { TaskStatus } from '../../../shared/task';
import { formatDue } from './labels';
import { useNow } from '../hooks/useNow';

export function DueDate({ dueAt, status }: { dueAt: string; status: TaskStatus }) {
  const now = useNow();
  const late = isOverdue({ dueAt, status }, now);
  return (
    <Stack direction="row" spacing={0.25} alignItems="center" sx={{ color: late ? 'error.main' : 'text.secondary' }} data-testid="due-date">
      <EventOutlined sx={{ fontSize: 14 }} />
      <Typography variant="caption" fontWeight={late ? 600 : 400}>
        {late ? `Overdue · ${formatDue(dueAt, new Date(now))}` : formatDue(dueAt, new Date(now))}
      </Typography>
    </Stack>
  );
}
