// The top bar of the screens off the board (configuration, dashboard): brand, the screen's name,
// way back to the board, connection and pending count, user.
import { AppBar, Box, Divider, Stack, Toolbar, Typography } from '@mui/material';
import type { TopBarProps } from '../../ui/common/AdminTopBar';
import { BrandMark } from '../../ui/common/BrandMark';
import { UserMenu } from './UserMenu';
import { SyncIndicator } from '../../features/sync-status';
import { BackToBoardLink } from '../../ui/common/BackToBoardLink';

export function OffBoardTopBar({ title = 'Practice configuration' }: TopBarProps) {
  return (
    <AppBar position="static" sx={{ borderBottom: 1, borderColor: 'divider' }}>
      <Toolbar variant="dense" sx={{ gap: 2 }}>
        <Stack direction="row" spacing={1.25} alignItems="center">
          <BrandMark />
          <Typography variant="h6" component="h1">
            Baton
          </Typography>
          <Divider orientation="vertical" flexItem />
          <Typography variant="body2" color="text.secondary">
            {title}
          </Typography>
        </Stack>
        <BackToBoardLink />
        <Box sx={{ flex: 1 }} />
        <SyncIndicator />
        <UserMenu />
      </Toolbar>
    </AppBar>
  );
}
