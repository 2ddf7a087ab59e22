// The manager's Dashboard button in the top bar. As the board opens it starts the dashboard's
// worker, which loads its saved digests and reads the replica in the background, off the board's
// thread (prepareDashboard), so the first open does not wait for every task to be read.
import InsightsOutlined from '@mui/icons-material/InsightsOutlined';
import { Button } from '@mui/material';
import { useEffect } from 'react';
import { navigate } from '../../../workspace/route';
import { useWorkspace } from '../../../workspace/WorkspaceContext';
import { prepareDashboard } from '../useDashboard';

export function DashboardButton() {
  const { workspace } = useWorkspace();
  useEffect(() => prepareDashboard(workspace.db), [workspace]);
  return (
    <Button
      startIcon={<InsightsOutlined />}
      href="#/dashboard"
      onClick={(e) => {
        e.preventDefault();
        navigate('dashboard');
      }}
      data-testid="open-dashboard"
    >
      Dashboard
    </Button>
  );
}
