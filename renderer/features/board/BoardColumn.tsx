// One status column: the first tasks by due date and a count of the rest (never thousands of cards).
import { Box, LinearProgress, Stack, Typography } from '@mui/material';
import { STATUS_LABELS, type TaskStatus } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { columnWindow$, type TaskWindow } from './board-data';
import { useBoardFilters } from './board-filters';
import { useObserved, type Observed } from '../../ui/hooks/useObservable';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { TaskCard } from './TaskCard';
import { useCardDensity } from './density';

export const COLUMN_LIMIT = 50;
const EMPTY: TaskWindow = { tasks: [], total: 0 };

export interface BoardColumnProps {
  status: TaskStatus;
  /** The column's part of a shared board scan; without it the column queries by itself. */
  scanned?: Observed<TaskWindow>;
}

export function BoardColumn({ status, scanned }: BoardColumnProps) {
  const { workspace, user } = useWorkspace();
  const filters = useBoardFilters((s) => s.filters);
  const config = usePracticeConfig();
  const own = useObserved(() => (scanned ? null : columnWindow$(workspace.db, status, filters, user.id, COLUMN_LIMIT)), EMPTY, [
    workspace,
    status,
    filters,
    user.id,
    !!scanned,
  ]);
  const { value, loading } = scanned ?? own;
  const { tasks, total } = value;
  const more = total - tasks.length;
  const [density] = useCardDensity(user.id);
  const compact = density === 'compact';
  if (total === 0 && !loading) return <CollapsedColumn status={status} />;
  return (
    <Box
      component="section"
      aria-label={STATUS_LABELS[status]}
      data-testid={`column-${status}`}
      sx={{ width: 264, flexShrink: 0, display: 'flex', flexDirection: 'column', bgcolor: '#e9edf2', borderRadius: 2, minHeight: 0 }}
    >
      <Stack direction="row" alignItems="center" justifyContent="space-between" sx={{ px: 1.5, pt: 1.25, pb: 0.75 }}>
        <Typography variant="subtitle2" component="h2">
          {STATUS_LABELS[status]}
        </Typography>
        <Typography variant="caption" color="text.secondary" data-testid="column-count" sx={{ fontWeight: 600 }}>
          {total}
        </Typography>
      </Stack>
      <LinearProgress sx={{ height: 2, mx: 1, visibility: loading ? 'visible' : 'hidden' }} />
      <Stack spacing={compact ? 0.5 : 1} sx={{ px: 1, pt: 0.75, pb: 1, overflowY: 'auto', minHeight: 0, flex: 1 }} aria-busy={loading}>
        {tasks.map((task) => (
          <TaskCard key={task.id} task={task} config={config} myId={user.id} compact={compact} />
        ))}
        {more > 0 && (
          <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'center', py: 0.5 }} data-testid="column-more">
            {more.toLocaleString()} more — narrow the filters or use the list
          </Typography>
        )}
      </Stack>
    </Box>
  );
}

/** An empty column: a slim strip with its name, so the columns with work get the room. */
function CollapsedColumn({ status }: { status: TaskStatus }) {
  return (
    <Box
      component="section"
      aria-label={`${STATUS_LABELS[status]}: nothing here`}
      data-testid={`column-${status}`}
      data-collapsed="true"
      sx={{
        width: 40,
        flexShrink: 0,
        bgcolor: '#eef1f5',
        borderRadius: 2,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        pt: 1.25,
        gap: 1,
      }}
    >
      <Typography variant="caption" color="text.secondary" data-testid="column-count" sx={{ fontWeight: 600 }}>
        0
      </Typography>
      <Typography variant="subtitle2" component="h2" color="text.secondary" sx={{ writingMode: 'vertical-rl', whiteSpace: 'nowrap' }}>
        {STATUS_LABELS[status]}
      </Typography>
    </Box>
  );
}
