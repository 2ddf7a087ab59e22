// The top bar of the screens off the board (configuration, dashboard): brand, the screen's name,
// way back to the board, connection and pending count, user.
import { Box } from '@mui/material';
import type { TopBarProps } from '../../ui/common/AdminTopBar';
import { TopBarFrame } from './TopBarFrame';
import { UserMenu } from './UserMenu';
import { SyncIndicator } from '../../features/sync-status';
import { BackToBoardLink } from '../../ui/common/BackToBoardLink';

export function OffBoardTopBar({ title = 'Practice configuration' }: TopBarProps) {
  return (
    <TopBarFrame screen={title}>
      <BackToBoardLink />
      <Box sx={{ flex: 1 }} />
      <SyncIndicator />
      <UserMenu />
    </TopBarFrame>
  );
}
