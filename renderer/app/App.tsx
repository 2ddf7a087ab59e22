// Routes between the sign-in, PIN and lock screens and the signed-in screens (board, approval
// queue, admin). Locked or signed out, nothing of the workspace is mounted: no PHI in the DOM.
import { CssBaseline, ThemeProvider } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { getHost } from '../host';
import { workstationLocation } from '../host/workstation-location';
import { locationOf } from './workspace';
import { WorkspaceContext, type WorkspaceValue } from './WorkspaceContext';
import { useSession } from '../state/session-context';
import { theme } from '../ui/theme';
import { SignInScreen } from '../ui/sign-in/SignInScreen';
import { ChoosePinScreen } from '../ui/sign-in/ChoosePinScreen';
import { LockScreen } from '../ui/sign-in/LockScreen';
import { SessionGuards } from '../ui/lock/SessionGuards';
import { OwnPasswordGuard } from '../ui/lock/OwnPasswordGuard';
import { LoadingScreen } from '../ui/shell/LoadingScreen';
import { BoardScreen } from '../ui/shell/BoardScreen';
import { ApprovalScreen } from '../ui/approval/ApprovalScreen';
import { AdminScreen } from '../ui/admin/AdminScreen';
import { DashboardScreen } from '../ui/dashboard/DashboardScreen';
import { useRoute } from './route';
import { AttentionBadge } from '../ui/shell/AttentionBadge';
import { UpdateRequiredBanner } from '../ui/update/UpdateRequiredBanner';
import { RestartToUpdate, WorkspaceRestartToUpdate } from '../ui/update/RestartToUpdate';
import { InboxNotifier } from '../ui/notifications/InboxNotifier';

export function App() {
  const phase = useSession((s) => s.phase);
  const session = useSession((s) => s.session);
  const workspace = useSession((s) => s.workspace);
  const route = useRoute();
  // undefined until the host answered: nothing location-bound is shown for the wrong location.
  const [siteLocation, setSiteLocation] = useState<string | null | undefined>(undefined);
  useEffect(() => void workstationLocation(getHost()).then(setSiteLocation), []);

  const value = useMemo<WorkspaceValue | null>(() => {
    if (!session || !workspace || siteLocation === undefined) return null;
    const { user } = session;
    return { workspace, user, actor: { id: user.id, displayName: user.displayName }, locationId: locationOf(user, siteLocation) };
  }, [session, workspace, siteLocation]);

  const signedIn = phase === 'ready' && value !== null;
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <UpdateRequiredBanner />
      {/* Signed out or locked, no replica is open: what it holds waits on disk and survives the update. */}
      {!signedIn && <RestartToUpdate pendingUploads={0} />}
      {signedIn ? (
        <WorkspaceContext.Provider value={value}>
          <SessionGuards />
          <OwnPasswordGuard />
          <WorkspaceRestartToUpdate />
          {/* One window per workstation keeps the badge: the board, not the approval window. */}
          {route !== 'approval' && <AttentionBadge />}
          {route !== 'approval' && <InboxNotifier />}
          {route === 'approval' ? <ApprovalScreen /> : route === 'admin' ? <AdminScreen /> : route === 'dashboard' ? <DashboardScreen /> : <BoardScreen />}
        </WorkspaceContext.Provider>
      ) : phase === 'opening' ? (
        <LoadingScreen />
      ) : phase === 'locked' ? (
        <LockScreen />
      ) : phase === 'choose-pin' ? (
        <ChoosePinScreen />
      ) : (
        <SignInScreen />
      )}
    </ThemeProvider>
  );
}
