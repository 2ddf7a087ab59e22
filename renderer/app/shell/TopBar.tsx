// The bar across the top: brand, connection, notifications, approvals, new task, user.
import AddIcon from '@mui/icons-material/Add';
import { AppBar, Box, Button, Divider, Stack, Toolbar, Typography } from '@mui/material';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { useBoardUi } from '../../features/board';
import { BrandMark } from '../../ui/common/BrandMark';
import { locationLabel } from '../../catalog/practice-labels';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { useMayFileTasks } from '../../ui/hooks/useTaskPermissions';
import { SyncIndicator } from '../../features/sync-status';
import { OpenApprovalButton } from '../../features/approval';
import { UserMenu } from './UserMenu';
import { DashboardButton } from '../../features/dashboard';
import { NotificationBell } from '../../features/notifications';

export function TopBar() {
  const { locationId, user } = useWorkspace();
  const setIntakeOpen = useBoardUi((s) => s.setIntakeOpen);
  const config = usePracticeConfig();
  const mayFile = useMayFileTasks();
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
            Task board · {locationLabel(config, locationId)}
          </Typography>
        </Stack>
        <Box sx={{ flex: 1 }} />
        <SyncIndicator />
        <NotificationBell />
        {user.roles.includes('manager') && <DashboardButton />}
        <OpenApprovalButton />
        {mayFile && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setIntakeOpen(true)} data-testid="new-task">
            New task (N)
          </Button>
        )}
        <UserMenu />
      </Toolbar>
    </AppBar>
  );
}
