// The signed-in screen: top bar, refused changes, views, filters, board or list, task drawer,
// intake, move dialog, keyboard shortcuts, help and command palette.
import { Alert, Box } from '@mui/material';
import { useEffect } from 'react';
import { useBoardFilters } from '../../features/board';
import { resetBoardUi } from '../../features/board';
import { BoardView } from '../../features/board';
import { FilterBar } from '../../features/board';
import { IntakeDialog } from '../../features/intake';
import { CommandPalette } from '../../features/keyboard';
import { ShortcutHelp } from '../../features/keyboard';
import { useShortcuts } from '../../features/keyboard';
import { useMayFileTasks } from '../../ui/hooks/useTaskPermissions';
import { ListView } from '../../features/list';
import { MoveDialog } from '../../features/move';
import { SlaListView } from '../../features/list';
import { RejectionList } from '../../features/sync-status';
import { TaskDrawer } from '../../features/task';
import { useViews } from '../../features/board';
import { ViewTabs } from '../../features/board';
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
      resetBoardUi();
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
          Administrators see no tasks: tasks hold patient information an administrator does not need. Practice configuration is in the menu
          under your name.
        </Alert>
      )}
      {/* Landmarks around the bars above the board, so a screen reader can jump to them. */}
      <Box component="nav" aria-label="Views">
        <ViewTabs views={views} />
      </Box>
      <Box role="search" aria-label="Search and filter tasks">
        <FilterBar />
      </Box>
      <Box sx={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <Box component="main" sx={{ flex: 1, minWidth: 0 }}>
          {slaView ? <SlaListView /> : view === 'board' ? <BoardView /> : <ListView />}
        </Box>
        <TaskDrawer />
      </Box>
      <IntakeDialog />
      <MoveDialog />
      <ShortcutHelp />
      <CommandPalette views={views} />
      <NoticeSnackbar />
    </Box>
  );
}
