// The list: one page of tasks at a time, sorted by due date.
import {
  Box,
  LinearProgress,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@mui/material';
import { STATUS_LABELS } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { queueLabel, staffName, typeLabel } from '../../catalog/practice-labels';
import { listPage$, type TaskWindow } from '../board';
import { useBoardFilters } from '../board';
import { useBoardUi } from '../board';
import { DueDate } from '../../ui/common/DueDate';
import { PriorityChip } from '../../ui/common/PriorityChip';
import { useObserved } from '../../ui/hooks/useObservable';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';

const PAGE_SIZE = 50;
const EMPTY: TaskWindow = { tasks: [], total: 0 };

export function ListView() {
  const { workspace, user } = useWorkspace();
  const filters = useBoardFilters((s) => s.filters);
  const page = useBoardFilters((s) => s.page);
  const setPage = useBoardFilters((s) => s.setPage);
  const groupByOwner = useBoardFilters((s) => s.groupByOwner);
  const openTask = useBoardUi((s) => s.openTask);
  const config = usePracticeConfig();
  const { value, loading } = useObserved(() => listPage$(workspace.db, filters, user.id, page, PAGE_SIZE, groupByOwner), EMPTY, [
    workspace,
    filters,
    user.id,
    page,
    groupByOwner,
  ]);
  const { tasks, total } = value;
  return (
    <Box sx={{ height: '100%', px: 2, pb: 2 }}>
      <Paper variant="outlined" sx={{ height: '100%', display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <LinearProgress sx={{ height: 2, visibility: loading ? 'visible' : 'hidden' }} />
        <TableContainer sx={{ flex: 1 }} tabIndex={0} role="region" aria-label="Task list">
          <Table size="small" stickyHeader data-testid="task-list" aria-busy={loading}>
            <TableHead>
              <TableRow>
                <TableCell>Task</TableCell>
                <TableCell>Patient</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Queue</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Priority</TableCell>
                <TableCell>Due</TableCell>
                <TableCell>Owner</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tasks.map((task, i) => [
                groupByOwner && task.ownerId !== tasks[i - 1]?.ownerId && (
                  <TableRow key={`owner-${task.ownerId}`} data-testid="owner-group">
                    <TableCell colSpan={8} sx={{ bgcolor: 'action.hover', fontWeight: 600 }}>
                      {staffName(config, task.ownerId, user.id)}
                    </TableCell>
                  </TableRow>
                ),
                <TableRow
                  key={task.id}
                  hover
                  onClick={() => openTask(task.id)}
                  sx={{ cursor: 'pointer' }}
                  data-testid="task-row"
                  data-task-id={task.id}
                >
                  <TableCell sx={{ fontWeight: 600 }}>{task.title}</TableCell>
                  <TableCell>{task.patientRef}</TableCell>
                  <TableCell>{typeLabel(config, task.typeId)}</TableCell>
                  <TableCell>{queueLabel(config, task.queue)}</TableCell>
                  <TableCell>{STATUS_LABELS[task.status]}</TableCell>
                  <TableCell>
                    <PriorityChip priority={task.priority} />
                  </TableCell>
                  <TableCell>
                    <DueDate dueAt={task.dueAt} status={task.status} />
                  </TableCell>
                  <TableCell>{staffName(config, task.ownerId, user.id)}</TableCell>
                </TableRow>,
              ])}
            </TableBody>
          </Table>
          {total === 0 && !loading && (
            <Typography color="text.secondary" sx={{ p: 3, textAlign: 'center' }}>
              No tasks match these filters.
            </Typography>
          )}
        </TableContainer>
        <TablePagination
          component="div"
          count={total}
          page={Math.min(page, Math.max(0, Math.ceil(total / PAGE_SIZE) - 1))}
          onPageChange={(_, p) => setPage(p)}
          rowsPerPage={PAGE_SIZE}
          rowsPerPageOptions={[PAGE_SIZE]}
          sx={{ borderTop: 1, borderColor: 'divider' }}
        />
      </Paper>
    </Box>
  );
}
