// One row of the list: a task (click, Enter or Space opens it) or a group's header with its count.
import { Box, TableCell, TableRow } from '@mui/material';
import { memo, type KeyboardEvent } from 'react';
import { STATUS_LABELS, type Task } from '../../../shared/task';
import { useBoardUi } from '../board';
import { DueDate } from '../../ui/common/DueDate';
import { PriorityChip } from '../../ui/common/PriorityChip';
import { COLUMNS, ROW_HEIGHT } from './list-columns';
import type { GroupRow, ListLabels } from './list-rows';

export const taskCount = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'task' : 'tasks'}`;

/** Cell styles for the whole table at once (one class, not one per cell of every row mounted while scrolling). */
export const LIST_CELLS = { '& td, & th': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } } as const;
/**
 * `scrollMarginTop` keeps a row scrolled into view by the keyboard clear of the sticky header; keyboard
 * focus is a ring, the `j`/`k` selection a tint, so the two never look alike.
 */
const ROW = {
  height: ROW_HEIGHT,
  cursor: 'pointer',
  scrollMarginTop: ROW_HEIGHT,
  '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 },
} as const;

interface TaskRowProps {
  task: Task;
  labels: ListLabels;
  /** Position in the whole list (1-based, header included) for screen readers: most rows are not in the DOM. */
  rowIndex: number;
}

export const TaskListRow = memo(function TaskListRow({ task, labels, rowIndex }: TaskRowProps) {
  const openTask = useBoardUi((s) => s.openTask);
  const selected = useBoardUi((s) => s.selectedTaskId === task.id);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    openTask(task.id);
  };
  return (
    <TableRow
      hover
      selected={selected}
      tabIndex={0}
      onClick={() => openTask(task.id)}
      onKeyDown={onKeyDown}
      sx={ROW}
      aria-rowindex={rowIndex}
      data-testid="task-row"
      data-task-id={task.id}
      data-selected={selected || undefined}
    >
      <TableCell style={{ fontWeight: 600 }} title={task.title}>
        {task.title}
      </TableCell>
      <TableCell>{task.patientRef}</TableCell>
      <TableCell>{labels.type(task.typeId)}</TableCell>
      <TableCell>{labels.queue(task.queue)}</TableCell>
      <TableCell>{STATUS_LABELS[task.status]}</TableCell>
      <TableCell>
        <PriorityChip priority={task.priority} />
      </TableCell>
      <TableCell>
        <DueDate dueAt={task.dueAt} status={task.status} />
      </TableCell>
      <TableCell>{labels.owner(task.ownerId)}</TableCell>
    </TableRow>
  );
});

export function GroupHeaderRow({ group, rowIndex }: { group: GroupRow; rowIndex: number }) {
  return (
    <TableRow sx={{ height: ROW_HEIGHT }} aria-rowindex={rowIndex} data-testid="list-group" data-group={group.key}>
      <TableCell colSpan={COLUMNS.length} sx={{ bgcolor: 'action.hover', fontWeight: 600 }}>
        <span data-testid="list-group-label">{group.label}</span>
        <Box component="span" sx={{ ml: 1, color: 'text.secondary', fontWeight: 400 }} data-testid="list-group-count">
          {taskCount(group.count)}
        </Box>
      </TableCell>
    </TableRow>
  );
}
