// The signed-in screen: top bar, refused changes, views, filters, board or list, task drawer,
// intake, move dialog, keyboard shortcuts, help and command palette.
import { Box } from '@mui/material';
import { useEffect } from 'react';
import { useBoardFilters } from '../../features/board';
import { resetBoardUi } from '../../features/board';
import { BoardView } from '../../features/board';
import { FilterBar } from '../../features/board';
import { IntakeDialog } from '../../features/intake';
import { CommandPalette } from '../../features/keyboard';
import { ShortcutHelp } from '../../features/keyboard';
import { useShortcuts } from '../../features/keyboard';
import { ListView } from '../../features/list';
import { MoveDialog } from '../../features/move';
import { SlaListView } from '../../features/list';
import { RejectionList } from '../../features/sync-status';
import { TaskDrawer } from '../../features/task';
import { useViews } from '../../features/board';
import { ViewTabs } from '../../features/board';
import { OpenApprovalButton, useNeedsMyApproval } from '../../features/approval';
import { NoticeSnackbar } from './NoticeSnackbar';
import { TopBar } from './TopBar';

export function BoardScreen() {
  const view = useBoardFilters((s) => s.view);
  const slaView = useBoardFilters((s) => s.filters.sla);
  const views = useViews();
  const needsMyApproval = useNeedsMyApproval();
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
      {/* Landmarks around the bars above the board, so a screen reader can jump to them. "Needs my
          approval" is one thing: the tab, its count (the approval window's queue) and the way to that window. */}
      <Box component="nav" aria-label="Views">
        <ViewTabs
          views={views}
          counts={{ approval: needsMyApproval }}
          actions={views.named.some((v) => v.id === 'approval') && <OpenApprovalButton />}
        />
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
