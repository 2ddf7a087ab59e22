// The bar across the top: brand, connection, notifications, dashboard, new task, user.
import AddIcon from '@mui/icons-material/Add';
import { Box, Button } from '@mui/material';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { useBoardUi } from '../../features/board';
import { locationLabel } from '../../catalog/practice-labels';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { useMayFileTasks } from '../../ui/hooks/useTaskPermissions';
import { SyncIndicator } from '../../features/sync-status';
import { TopBarFrame } from './TopBarFrame';
import { UserMenu } from './UserMenu';
import { DashboardButton } from '../../features/dashboard';
import { NotificationBell } from '../../features/notifications';

export function TopBar() {
  const { locationId, user } = useWorkspace();
  const setIntakeOpen = useBoardUi((s) => s.setIntakeOpen);
  const config = usePracticeConfig();
  const mayFile = useMayFileTasks();
  return (
    <TopBarFrame screen={`Task board · ${locationLabel(config, locationId)}`}>
      <Box sx={{ flex: 1 }} />
      <SyncIndicator />
      <NotificationBell />
      {user.roles.includes('manager') && <DashboardButton />}
      {mayFile && (
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setIntakeOpen(true)} data-testid="new-task">
          New task (N)
        </Button>
      )}
      <UserMenu />
    </TopBarFrame>
  );
}
