// The SLA views: "At risk" (least time left first) and the manager's "Exceptions" (breached,
// escalated, rejected, needs info, waiting long). Computed from the replica and the window's
// ticking clock, so they work offline.
import {
  Box,
  Chip,
  LinearProgress,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMemo } from 'react';
import { STATUS_LABELS, type Task } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { matchingTasks$ } from '../board';
import { staffName, typeLabel } from '../../catalog/practice-labels';
import { atRiskRows, exceptionRows, type ExceptionReason } from '../sla';
import { useBoardFilters } from '../board';
import { useBoardUi } from '../board';
import { useNow } from '../../ui/hooks/useNow';
import { useObserved } from '../../ui/hooks/useObservable';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { SlaChipView, WaitingLine } from '../sla';

/** Rows shown at most: the list is for acting on, not for reporting. */
const MAX_ROWS = 300;
const NONE: Task[] = [];

const REASON_LABELS: Record<ExceptionReason, string> = {
  breached: 'Breached',
  escalated: 'Escalated',
  rejected: 'Rejected',
  needs_info: 'Needs info',
  long_waiting: 'Waiting long',
};

export function SlaListView() {
  const { workspace, user } = useWorkspace();
  const filters = useBoardFilters((s) => s.filters);
  const openTask = useBoardUi((s) => s.openTask);
  const config = usePracticeConfig();
  const now = useNow();
  const { value: tasks, loading } = useObserved(() => matchingTasks$(workspace.db, filters, user.id), NONE, [workspace, filters, user.id]);
  const exceptions = filters.sla === 'exceptions';
  const rows = useMemo(() => (exceptions ? exceptionRows : atRiskRows)(tasks, config, now), [exceptions, tasks, config, now]);
  return (
    <Box sx={{ height: '100%', px: 2, pb: 2 }}>
      <Paper variant="outlined" sx={{ height: '100%', display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <LinearProgress sx={{ height: 2, visibility: loading ? 'visible' : 'hidden' }} />
        <TableContainer sx={{ flex: 1 }} tabIndex={0} role="region" aria-label="SLA list">
          <Table size="small" stickyHeader data-testid={exceptions ? 'exceptions-list' : 'at-risk-list'}>
            <TableHead>
              <TableRow>
                <TableCell>Task</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>SLA</TableCell>
                {exceptions && <TableCell>Why</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.slice(0, MAX_ROWS).map(({ task, sla, reasons }) => (
                <TableRow
                  key={task.id}
                  hover
                  onClick={() => openTask(task.id)}
                  sx={{ cursor: 'pointer' }}
                  data-testid="sla-row"
                  data-task-id={task.id}
                >
                  <TableCell sx={{ fontWeight: 600 }}>
                    {task.title}
                    <WaitingLine task={task} sla={sla} />
                  </TableCell>
                  <TableCell>{typeLabel(config, task.typeId)}</TableCell>
                  <TableCell>{STATUS_LABELS[task.status]}</TableCell>
                  <TableCell>{staffName(config, task.ownerId, user.id)}</TableCell>
                  <TableCell>{sla && <SlaChipView sla={sla} />}</TableCell>
                  {exceptions && (
                    <TableCell>
                      <Stack direction="row" spacing={0.5}>
                        {reasons.map((r) => (
                          <Chip key={r} size="small" label={REASON_LABELS[r]} data-testid={`reason-${r}`} />
                        ))}
                      </Stack>
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {rows.length === 0 && !loading && (
            <Typography color="text.secondary" sx={{ p: 3, textAlign: 'center' }}>
              {exceptions ? 'No exceptions: nothing breached, escalated, rejected, sent back or waiting long.' : 'Nothing at risk.'}
            </Typography>
          )}
          {rows.length > MAX_ROWS && (
            <Typography color="text.secondary" sx={{ p: 2, textAlign: 'center' }}>
              The first {MAX_ROWS} of {rows.length}; narrow the filters to see the rest.
            </Typography>
          )}
        </TableContainer>
      </Paper>
    </Box>
  );
}
