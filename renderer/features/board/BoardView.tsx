// The board: one column per status, scrolled sideways. Searches and filters no index can count are
// answered from one shared scan for all columns (a search is applied to it in memory, keystroke by
// keystroke); otherwise each column runs its own indexed query.
import { Box } from '@mui/material';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { boardGroups$, boardNeedsScan, boardWindows, type BoardGroups } from './board-data';
import { visibleStatuses } from './board-queries';
import { useBoardFilters, type BoardFilters } from './board-filters';
import { useObserved } from '../../ui/hooks/useObservable';
import { BoardColumn, COLUMN_LIMIT } from './BoardColumn';
import { columnOrder } from './views';

const EMPTY_WINDOW = { tasks: [], total: 0 };

/** The filters other than search, the same object while only the search changes (no rescan per keystroke). */
const withoutSearch = (filters: BoardFilters): BoardFilters => ({ ...filters, search: '' });

export function BoardView() {
  const { workspace, user } = useWorkspace();
  const search = useBoardFilters((s) => s.filters.search);
  const scope = useBoardFilters(useShallow((s) => withoutSearch(s.filters)));
  const scanMode = boardNeedsScan({ ...scope, search }, user.id);
  const scan = useObserved<BoardGroups | null>(() => (scanMode ? boardGroups$(workspace.db, scope, user.id) : null), null, [
    workspace,
    scope,
    user.id,
    scanMode,
  ]);
  const windows = useMemo(() => (scan.value ? boardWindows(scan.value, search, COLUMN_LIMIT) : null), [scan.value, search]);
  return (
    <Box data-testid="board" sx={{ height: '100%', display: 'flex', gap: 1.5, px: 2, pb: 2, overflowX: 'auto', alignItems: 'stretch' }}>
      {columnOrder(visibleStatuses(scope), user.roles).map((status) => (
        <BoardColumn
          key={status}
          status={status}
          scanned={scanMode ? { value: windows?.[status] ?? EMPTY_WINDOW, loading: scan.loading } : undefined}
        />
      ))}
    </Box>
  );
}
