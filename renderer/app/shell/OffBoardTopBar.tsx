// The top bar of the screens off the board (configuration, dashboard): brand, the screen's name,
// way back to the board, connection and pending count, user.
import { AppBar, Box, Toolbar } from '@mui/material';
import type { TopBarProps } from '../../ui/common/AdminTopBar';
import { BrandTitle } from './BrandTitle';
import { UserMenu } from './UserMenu';
import { SyncIndicator } from '../../features/sync-status';
import { BackToBoardLink } from '../../ui/common/BackToBoardLink';

export function OffBoardTopBar({ title = 'Practice configuration' }: TopBarProps) {
  return (
    <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider' }}>
      <Toolbar variant="dense" sx={{ gap: 2 }}>
        <BrandTitle>{title}</BrandTitle>
        <BackToBoardLink />
        <Box sx={{ flex: 1 }} />
        <SyncIndicator />
        <UserMenu />
      </Toolbar>
    </AppBar>
  );
}
