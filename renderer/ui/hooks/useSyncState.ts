// Connection and upload backlog of the open workspace.
import { useEffect, useState } from 'react';
import { pendingCount$ } from '../../db/tasks';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { useObservable } from './useObservable';

function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export interface SyncState {
  online: boolean;
  pending: number;
}

/** Whether the server is reachable now; without the upload backlog's count queries. */
export function useOnline(): boolean {
  const { workspace } = useWorkspace();
  const status = useObservable(() => workspace.sync.status$, workspace.sync.status$.value, [workspace]);
  const browserOnline = useBrowserOnline();
  return status.connected && browserOnline;
}

export function useSyncState(): SyncState {
  const { workspace } = useWorkspace();
  const online = useOnline();
  const pending = useObservable(() => pendingCount$(workspace.db), 0, [workspace]);
  return { online, pending };
}
