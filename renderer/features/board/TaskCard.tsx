// A task on the board: what it is, for whom, who owns it, its age, when it is due, its SLA chip and
// what it waits on since when (every status); in triage, the suggestion.
import CloudUploadOutlined from '@mui/icons-material/CloudUploadOutlined';
import ReplayOutlined from '@mui/icons-material/ReplayOutlined';
import { Box, ButtonBase, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { memo, type ReactNode } from 'react';
import type { PracticeConfig } from '../../../shared/config/practice';
import type { Task } from '../../../shared/task';
import { categoryLabel, queueLabel, staffName, typeLabel } from '../../catalog/practice-labels';
import { useBoardUi } from './board-ui';
import { useShownTask } from './pending-edits';
import { DueDate } from '../../ui/common/DueDate';
import { PriorityChip } from '../../ui/common/PriorityChip';
import { SlaChipView, useTaskSla, WaitingLine } from '../sla';
import { formatShortDateTime } from '../../ui/common/labels';
import { useNow } from '../../ui/hooks/useNow';
import { ageText, nextStepText } from './card-lines';

export const suggestionText = (config: PracticeConfig, task: Pick<Task, 'suggestedCategory' | 'suggestionConfidence'>) =>
  `${categoryLabel(config, task.suggestedCategory)} · ${Math.round(task.suggestionConfidence * 100)}%`;

/** The keyboard's selection (j/k): an accent bar and a tint, unlike the focus ring (theme.ts). */
const SELECTED = {
  borderColor: 'primary.main',
  bgcolor: 'rgba(47, 93, 138, 0.07)',
  boxShadow: 'inset 4px 0 0 #2f5d8a',
} as const;
const UNSELECTED = { borderColor: 'transparent', '&:hover': { borderColor: 'primary.light' } } as const;

interface TaskCardProps {
  task: Task;
  config: PracticeConfig;
  myId: string;
  /** Title and one line (density.ts): twice the cards on a screen. */
  compact?: boolean;
}

/** The card's frame: the selection's look, and the button that opens the task. */
function CardFrame({ task, compact, children }: { task: Task; compact: boolean; children: ReactNode }) {
  const openTask = useBoardUi((s) => s.openTask);
  const selected = useBoardUi((s) => s.selectedTaskId === task.id);
  return (
    <Paper variant="outlined" sx={selected ? SELECTED : UNSELECTED}>
      <ButtonBase
        onClick={() => openTask(task.id, task)}
        data-testid="task-card"
        data-task-id={task.id}
        data-selected={selected || undefined}
        aria-current={selected || undefined}
        sx={{ display: 'block', width: '100%', textAlign: 'left', borderRadius: 2, ...(compact ? { px: 1, py: 0.5 } : { p: 1.25 }) }}
      >
        {children}
      </ButtonBase>
    </Paper>
  );
}

/** How long ago the task was filed (its own clock subscription: only this text re-renders as time passes). */
function CardAge({ createdAt }: { createdAt: string }) {
  const now = useNow();
  return (
    <Tooltip title={`Filed ${formatShortDateTime(createdAt)}`}>
      <Typography variant="caption" color="text.secondary" noWrap sx={{ flexShrink: 0 }} data-testid="card-age">
        {ageText(createdAt, now)}
      </Typography>
    </Tooltip>
  );
}

export const TaskCard = memo(function TaskCard({ task: stored, config, myId, compact = false }: TaskCardProps) {
  // The person's own edit shows at once, before the replica's write commits (pending-edits.ts).
  const task = useShownTask(stored);
  const sla = useTaskSla(task, config);
  if (compact) {
    return (
      <CardFrame task={task} compact>
        <Typography variant="body2" fontWeight={600} noWrap data-testid="task-title">
          {task.title}
        </Typography>
        <Stack direction="row" spacing={0.75} alignItems="center" sx={{ minWidth: 0 }}>
          <DueDate dueAt={task.dueAt} status={task.status} />
          <Typography variant="caption" color="text.secondary" noWrap sx={{ minWidth: 0 }} data-testid="card-owner">
            {staffName(config, task.ownerId, myId)}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <CardAge createdAt={task.createdAt} />
          {task.priority === 'urgent' || task.priority === 'high' ? <PriorityChip priority={task.priority} /> : null}
          {task.pendingSync && <CloudUploadOutlined sx={{ fontSize: 14, color: 'text.disabled' }} data-testid="task-pending" />}
        </Stack>
      </CardFrame>
    );
  }
  return (
    <CardFrame task={task} compact={false}>
      <Typography variant="body2" fontWeight={600} sx={{ lineHeight: 1.35, mb: 0.5 }} data-testid="task-title">
        {task.title}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div" noWrap>
        {typeLabel(config, task.typeId)} · {queueLabel(config, task.queue)}
      </Typography>
      {task.patientRef && (
        <Typography variant="caption" component="div" noWrap sx={{ color: 'text.primary' }}>
          {task.patientRef}
        </Typography>
      )}
      {task.status === 'new' && !task.category && task.suggestedCategory && (
        <Typography variant="caption" component="div" noWrap color="primary" data-testid="card-suggestion">
          Suggested: {suggestionText(config, task)}
        </Typography>
      )}
      <Stack direction="row" spacing={1} sx={{ minWidth: 0 }}>
        <Typography variant="caption" noWrap color="text.secondary" sx={{ flex: 1, minWidth: 0 }} data-testid="card-owner">
          {staffName(config, task.ownerId, myId)}
        </Typography>
        <CardAge createdAt={task.createdAt} />
      </Stack>
      <WaitingLine
        task={task}
        sla={sla}
        otherwise={nextStepText(task, formatShortDateTime, task.providerId ? staffName(config, task.providerId) : undefined)}
      />
      <Stack direction="row" alignItems="center" sx={{ mt: 0.75, flexWrap: 'wrap', columnGap: 1, rowGap: 0.5 }}>
        <PriorityChip priority={task.priority} />
        <DueDate dueAt={task.dueAt} status={task.status} />
        {sla && <SlaChipView sla={sla} />}
        <Box sx={{ flex: 1 }} />
        {task.reworkCount > 0 && (
          <Tooltip title={`Sent back ${task.reworkCount} time${task.reworkCount === 1 ? '' : 's'}`}>
            <Stack direction="row" alignItems="center" sx={{ color: 'warning.dark' }} data-testid="card-rework">
              <ReplayOutlined sx={{ fontSize: 14 }} />
              <Typography variant="caption">{task.reworkCount}</Typography>
            </Stack>
          </Tooltip>
        )}
        {task.pendingSync && (
          <Tooltip title="Saved on this workstation, waiting to upload">
            <CloudUploadOutlined sx={{ fontSize: 16, color: 'text.disabled' }} data-testid="task-pending" />
          </Tooltip>
        )}
      </Stack>
    </CardFrame>
  );
});
