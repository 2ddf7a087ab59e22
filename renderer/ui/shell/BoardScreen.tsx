// The signed-in screen: top bar, refused changes, filters, board or list, task drawer, intake.
import { Box } from '@mui/material';
import { useEffect } from 'react';
import { useBoardFilters } from '../../state/board-filters';
import { useBoardUi } from '../../state/board-ui';
import { BoardView } from '../board/BoardView';
import { FilterBar } from '../board/FilterBar';
import { IntakeDialog } from '../intake/IntakeDialog';
import { ListView } from '../list/ListView';
import { RejectionList } from '../sync/RejectionList';
import { TaskDrawer } from '../task/TaskDrawer';
import { NoticeSnackbar } from './NoticeSnackbar';
import { TopBar } from './TopBar';

export function BoardScreen() {
  const view = useBoardFilters((s) => s.view);
  // The next user on this workstation starts from a clean board (no open task, no filters).
  useEffect(
    () => () => {
      useBoardUi.setState({ openTaskId: null, intakeOpen: false, notice: null });
      useBoardFilters.getState().resetFilters();
    },
    [],
  );
  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <TopBar />
      <RejectionList />
      <FilterBar />
      <Box component="main" sx={{ flex: 1, minHeight: 0 }}>
        {view === 'board' ? <BoardView /> : <ListView />}
      </Box>
      <TaskDrawer />
      <IntakeDialog />
      <NoticeSnackbar />
    </Box>
  );
}
