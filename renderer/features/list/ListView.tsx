// The list: every matching task in one scrolling table, sorted by any column and optionally grouped.
// Virtualized: the replica's matching tasks come from one live query per filter change, are sorted
// and grouped in memory, and only the rows in view (and a few either side) are in the DOM.
import { Box, LinearProgress, Paper, Table, TableBody, TableContainer, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { Task } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { queueLabel, staffName, typeLabel } from '../../catalog/practice-labels';
import { listTasks$, searchTasks, useBoardFilters } from '../board';
import { useObserved } from '../../ui/hooks/useObservable';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { COLUMNS, ROW_HEIGHT } from './list-columns';
import { ListHeader } from './ListHeader';
import { GroupHeaderRow, LIST_CELLS, TaskListRow, taskCount } from './ListRow';
import { listRows, type ListLabels } from './list-rows';

const NONE: Task[] = [];
/** Rows rendered beyond each edge of the view: the keyboard's next row is already there. */
const OVERSCAN = 12;

/** A spacer standing in for the rows scrolled out of the DOM. */
function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden style={{ height }}>
      <td colSpan={COLUMNS.length} style={{ padding: 0, border: 0 }} />
    </tr>
  );
}

export function ListView() {
  const { workspace, user } = useWorkspace();
  const filters = useBoardFilters((s) => s.filters);
  const sort = useBoardFilters((s) => s.listSort);
  const groupBy = useBoardFilters((s) => s.listGroupBy);
  const config = usePracticeConfig();
  // One live query per filter change but the search, which filters it in memory as the person types.
  const { search, ...queried } = filters;
  const queryKey = JSON.stringify(queried);
  const { value: matching, loading } = useObserved(() => listTasks$(workspace.db, filters, user.id), NONE, [workspace, queryKey, user.id]);
  const tasks = useMemo(() => searchTasks(matching, search), [matching, search]);
  const labels = useMemo<ListLabels>(
    () => ({
      type: (id) => typeLabel(config, id),
      queue: (id) => queueLabel(config, id),
      owner: (id) => staffName(config, id, user.id),
    }),
    [config, user.id],
  );
  const rows = useMemo(() => listRows(tasks, sort, groupBy, labels), [tasks, sort, groupBy, labels]);

  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the rows re-render from the virtualizer's own state
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // The sticky header sits above the first row.
    paddingStart: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (i) => {
      const row = rows[i];
      return row.kind === 'task' ? row.task.id : `group:${row.key}`;
    },
  });
  // A new question starts at the top; live changes to the same one keep the place.
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [virtualizer, filters, sort, groupBy]);

  const items = virtualizer.getVirtualItems();
  const before = items.length ? items[0].start - ROW_HEIGHT : 0;
  const after = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return (
    <Box sx={{ height: '100%', px: 2, pb: 2 }}>
      <Paper variant="outlined" sx={{ height: '100%', display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <LinearProgress sx={{ height: 2, visibility: loading ? 'visible' : 'hidden' }} />
        {/* Focusable so the keyboard can scroll it (axe: scrollable-region-focusable). */}
        <TableContainer ref={scroller} sx={{ flex: 1 }} tabIndex={0} role="region" aria-label="Task list" data-testid="task-list-scroller">
          <Table
            size="small"
            stickyHeader
            sx={{ tableLayout: 'fixed', ...LIST_CELLS }}
            data-testid="task-list"
            aria-busy={loading}
            aria-rowcount={rows.length + 1}
            aria-label="Tasks"
          >
            <ListHeader />
            <TableBody>
              <Spacer height={before} />
              {items.map((item) => {
                const row = rows[item.index];
                return row.kind === 'task' ? (
                  <TaskListRow key={item.key} task={row.task} labels={labels} rowIndex={item.index + 2} />
                ) : (
                  <GroupHeaderRow key={item.key} group={row} rowIndex={item.index + 2} />
                );
              })}
              <Spacer height={after} />
            </TableBody>
          </Table>
          {tasks.length === 0 && !loading && (
            <Typography color="text.secondary" sx={{ p: 3, textAlign: 'center' }}>
              No tasks match these filters.
            </Typography>
          )}
        </TableContainer>
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ px: 2, py: 1, borderTop: 1, borderColor: 'divider' }}
          aria-live="polite"
          data-testid="list-total"
        >
          {loading && !tasks.length ? 'Loading…' : taskCount(tasks.length)}
        </Typography>
      </Paper>
    </Box>
  );
}
