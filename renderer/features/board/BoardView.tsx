// The board: one column per status, scrolled sideways. Searches and filters no index can count are
// answered by one shared scan for all columns; otherwise each column runs its own indexed query.
import { Box } from '@mui/material';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { boardNeedsScan, boardScan$, type BoardWindows } from './board-data';
import { visibleStatuses } from './board-queries';
import { useBoardFilters } from './board-filters';
import { useObserved } from '../../ui/hooks/useObservable';
import { BoardColumn, COLUMN_LIMIT } from './BoardColumn';
import { columnOrder } from './views';

const EMPTY_WINDOW = { tasks: [], total: 0 };

export function BoardView() {
  const { workspace, user } = useWorkspace();
  const filters = useBoardFilters((s) => s.filters);
  const scanMode = boardNeedsScan(filters, user.id);
  const scan = useObserved<BoardWindows | null>(() => (scanMode ? boardScan$(workspace.db, filters, user.id, COLUMN_LIMIT) : null), null, [
    workspace,
    filters,
    user.id,
    scanMode,
  ]);
  return (
    <Box data-testid="board" sx={{ height: '100%', display: 'flex', gap: 1.5, px: 2, pb: 2, overflowX: 'auto', alignItems: 'stretch' }}>
      {columnOrder(visibleStatuses(filters), user.roles).map((status) => (
        <BoardColumn
          key={status}
          status={status}
          scanned={scanMode ? { value: scan.value?.[status] ?? EMPTY_WINDOW, loading: scan.loading } : undefined}
        />
      ))}
    </Box>
  );
}
