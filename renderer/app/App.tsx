// Routes between the sign-in screen and the signed-in screens (board, approval queue, admin).
import { CssBaseline, ThemeProvider } from '@mui/material';
import { useMemo } from 'react';
import { locationOf } from './workspace';
import { WorkspaceContext, type WorkspaceValue } from './WorkspaceContext';
import { useSession } from '../state/session-context';
import { theme } from '../ui/theme';
import { SignInScreen } from '../ui/sign-in/SignInScreen';
import { LoadingScreen } from '../ui/shell/LoadingScreen';
import { BoardScreen } from '../ui/shell/BoardScreen';
import { ApprovalScreen } from '../ui/approval/ApprovalScreen';
import { AdminScreen } from '../ui/admin/AdminScreen';
import { useRoute } from './route';
import { AttentionBadge } from '../ui/shell/AttentionBadge';

export function App() {
  const phase = useSession((s) => s.phase);
  const session = useSession((s) => s.session);
  const workspace = useSession((s) => s.workspace);
  const route = useRoute();

  const value = useMemo<WorkspaceValue | null>(() => {
    if (!session || !workspace) return null;
    const { user } = session;
    return { workspace, user, actor: { id: user.id, displayName: user.displayName }, locationId: locationOf(user) };
  }, [session, workspace]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {phase === 'ready' && value ? (
        <WorkspaceContext.Provider value={value}>
          {/* One window per workstation keeps the badge: the board, not the approval window. */}
          {route !== 'approval' && <AttentionBadge />}
          {route === 'approval' ? <ApprovalScreen /> : route === 'admin' ? <AdminScreen /> : <BoardScreen />}
        </WorkspaceContext.Provider>
      ) : phase === 'opening' ? (
        <LoadingScreen />
      ) : (
        <SignInScreen />
      )}
    </ThemeProvider>
  );
}
