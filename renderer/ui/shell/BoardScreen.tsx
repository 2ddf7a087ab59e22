// The signed-in screen: top bar, refused changes, views, filters, board or list, task drawer,
// intake, move dialog, keyboard shortcuts, help and command palette.
import { Alert, Box } from '@mui/material';
import { useEffect } from 'react';
import { useBoardFilters } from '../../state/board-filters';
import { useBoardUi } from '../../state/board-ui';
import { BoardView } from '../board/BoardView';
import { FilterBar } from '../board/FilterBar';
import { IntakeDialog } from '../intake/IntakeDialog';
import { CommandPalette } from '../keyboard/CommandPalette';
import { ShortcutHelp } from '../keyboard/ShortcutHelp';
import { useShortcuts } from '../keyboard/useShortcuts';
import { useMayFileTasks } from '../hooks/useTaskPermissions';
import { ListView } from '../list/ListView';
import { MoveDialog } from '../move/MoveDialog';
import { SlaListView } from '../sla/SlaListView';
import { RejectionList } from '../sync/RejectionList';
import { TaskDrawer } from '../task/TaskDrawer';
import { useViews } from '../views/useViews';
import { ViewTabs } from '../views/ViewTabs';
import { NoticeSnackbar } from './NoticeSnackbar';
import { TopBar } from './TopBar';

export function BoardScreen() {
  const view = useBoardFilters((s) => s.view);
  const slaView = useBoardFilters((s) => s.filters.sla);
  const views = useViews();
  // Only the admin files no task: they read none either (minimum necessary), so say why the board is empty.
  const readsNoTasks = !useMayFileTasks();
  useShortcuts();
  // The next user on this workstation starts from a clean board (no open task, no filters).
  useEffect(
    () => () => {
      useBoardUi.setState({ openTaskId: null, selectedTaskId: null, intakeOpen: false, move: null, helpOpen: false, paletteOpen: false, notice: null });
      useBoardFilters.getState().resetFilters();
    },
    [],
  );
  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <TopBar />
      <RejectionList />
      {readsNoTasks && (
        <Alert severity="info" data-testid="no-task-access">
          Administrators see no tasks: tasks hold patient information an administrator does not need. Practice configuration is in the menu under your name.
        </Alert>
      )}
      <ViewTabs views={views} />
      <FilterBar />
      <Box component="main" sx={{ flex: 1, minHeight: 0 }}>
        {slaView ? <SlaListView /> : view === 'board' ? <BoardView /> : <ListView />}
      </Box>
      <TaskDrawer />
      <IntakeDialog />
      <MoveDialog />
      <ShortcutHelp />
      <CommandPalette views={views} />
      <NoticeSnackbar />
    </Box>
  );
}
