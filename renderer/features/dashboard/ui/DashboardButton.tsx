// The manager's Dashboard button in the top bar. A while after the board opened it hands the
// replica to the dashboard's worker in the background (prepareDashboard), so the first open
// does not wait for every task to be read.
import InsightsOutlined from '@mui/icons-material/InsightsOutlined';
import { Button } from '@mui/material';
import { useEffect } from 'react';
import { navigate } from '../../../workspace/route';
import { useWorkspace } from '../../../workspace/WorkspaceContext';
import { prepareDashboard, startDashboard } from '../useDashboard';

/** After the board's own first reads, not competing with them. */
const PREPARE_AFTER_MS = 2000;

export function DashboardButton() {
  const { workspace } = useWorkspace();
  useEffect(() => {
    // The worker loads its saved digests off this thread at once; the replica's reads wait.
    startDashboard(workspace.db);
    const timer = setTimeout(() => prepareDashboard(workspace.db), PREPARE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [workspace]);
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
