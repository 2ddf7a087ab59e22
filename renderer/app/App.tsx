// Routes between the sign-in, PIN and lock screens and the signed-in screens (board, approval
// queue, admin). Locked or signed out, nothing of the workspace is mounted: no PHI in the DOM.
import { CssBaseline, ThemeProvider } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { getHost } from '../host';
import { workstationLocation } from '../host/workstation-location';
import { locationOf } from '../workspace/workspace';
import { WorkspaceContext, type WorkspaceValue } from '../workspace/WorkspaceContext';
import { useSession } from '../features/session';
import { theme } from '../ui/theme';
import { SignInScreen } from '../features/session';
import { ChoosePinScreen } from '../features/session';
import { LockScreen } from '../features/session';
import { SessionGuards } from '../features/session';
import { OwnPasswordGuard } from '../features/session';
import { LoadingScreen } from '../ui/common/LoadingScreen';
import { AdminTopBarContext } from '../ui/common/AdminTopBar';
import { OffBoardTopBar } from './shell/OffBoardTopBar';
import type { TopBarProps } from '../ui/common/AdminTopBar';
import { BoardScreen } from './shell/BoardScreen';
import { ApprovalScreen } from '../features/approval';
import { AdminScreen } from '../features/admin';
import { DashboardScreen } from '../features/dashboard';
import { useRoute, type Route } from '../workspace/route';
import { useMayFileTasks } from '../ui/hooks/useTaskPermissions';
import { AttentionBadge } from '../features/attention';
import { UpdateRequiredBanner } from '../features/update';
import { RestartToUpdate, WorkspaceRestartToUpdate } from '../features/update';
import { InboxNotifier } from '../features/notifications';
import { FirstRunTour } from '../features/tour';
import { KeptDocumentsKeeper, OfflineViewsSender } from '../features/attachments';

const offBoardTopBar = (props: TopBarProps) => <OffBoardTopBar {...props} />;

/** The screen of the route; someone who reads no task (the admin) has the configuration for a board. */
function RoutedScreen({ route }: { route: Route }) {
  const hasBoard = useMayFileTasks();
  if (route === 'approval') return <ApprovalScreen />;
  if (route === 'admin' || !hasBoard) return route === 'dashboard' ? <DashboardScreen /> : <AdminScreen />;
  if (route === 'dashboard') return <DashboardScreen />;
  return <BoardScreen />;
}

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
          <AdminTopBarContext.Provider value={offBoardTopBar}>
            <SessionGuards />
            <OwnPasswordGuard />
            <WorkspaceRestartToUpdate />
            {/* One window per workstation keeps the badge: the board, not the approval window. */}
            {route !== 'approval' && <AttentionBadge />}
            {route !== 'approval' && <InboxNotifier />}
            {/* The board window keeps the offline copies of documents in step with the person's work. */}
            {route !== 'approval' && <KeptDocumentsKeeper />}
            {/* Any window may have read a kept copy offline: each sends the views once back online. */}
            <OfflineViewsSender />
            {route !== 'approval' && <FirstRunTour key={value.user.id} />}
            <RoutedScreen route={route} />
          </AdminTopBarContext.Provider>
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
