// A task's SLA chip (time left, paused since, breached by) and what it waits on since when. Both
// follow the window's ticking clock, so they keep moving on an offline workstation.
import HourglassEmptyOutlined from '@mui/icons-material/HourglassEmptyOutlined';
import { Chip, Tooltip, Typography } from '@mui/material';
import type { PracticeConfig } from '../../../shared/config/practice';
import { taskSla, type SlaState, type SlaStatus } from '../../../shared/sla/clock';
import type { Task } from '../../../shared/task';
import { formatDuration, slaChipText, waitingOf, waitingText } from './sla-text';
import { formatDateTime, formatShortDateTime } from '../../ui/common/labels';
import { useNow } from '../../ui/hooks/useNow';

const COLORS: Record<SlaState, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  on_track: 'default',
  at_risk: 'warning',
  breached: 'error',
  paused: 'info',
  met: 'success',
  missed: 'error',
};

function tooltip(sla: SlaStatus): string {
  const clock = sla.clock === 'first_touch' ? 'First touch' : 'Resolution';
  const due = sla.dueAt ? `due ${formatDateTime(sla.dueAt)}` : 'never due (the location has no open hours)';
  return `${clock} target ${formatDuration(sla.targetSeconds)} in business hours, ${due}; ${formatDuration(sla.elapsedSeconds)} used`;
}

export function SlaChipView({ sla }: { sla: SlaStatus }) {
  return (
    <Tooltip title={tooltip(sla)}>
      <Chip
        size="small"
        variant={sla.state === 'on_track' ? 'outlined' : 'filled'}
        color={COLORS[sla.state]}
        icon={<HourglassEmptyOutlined sx={{ fontSize: 14 }} />}
        label={slaChipText(sla, formatShortDateTime)}
        data-testid="sla-chip"
        data-sla-state={sla.state}
        sx={{ height: 20, fontSize: 11, '& .MuiChip-label': { px: 0.75 } }}
      />
    </Tooltip>
  );
}

/** The chip and the waiting line of one task, at the window's `now`. */
export function useTaskSla(task: Task, config: PracticeConfig): SlaStatus | null {
  const now = useNow();
  return taskSla(task, config, now);
}

export function SlaChip({ task, config }: { task: Task; config: PracticeConfig }) {
  const sla = useTaskSla(task, config);
  return sla ? <SlaChipView sla={sla} /> : null;
}

/** What the task waits on since when; `otherwise` (e.g. its status's next step) when nobody outside holds it. */
export function WaitingLine({ task, sla, otherwise = '' }: { task: Task; sla: SlaStatus | null; otherwise?: string }) {
  const waiting = waitingText(waitingOf(task, sla), formatShortDateTime);
  const text = waiting || otherwise;
  if (!text) return null;
  return (
    <Typography variant="caption" component="div" noWrap color={waiting ? 'info.dark' : 'text.secondary'} data-testid="card-waiting">
      {text}
    </Typography>
  );
}
