// Sends the views of kept copies made offline to the server's record whenever the workspace is
// (back) online: on reconnecting, and at sign-in for views left from an earlier session. Every
// window does; the server records each view once, whoever sends it.
import { useEffect } from 'react';
import { useOnline } from '../../ui/hooks/useSyncState';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { keptDocumentsOf } from './kept-documents';
import { sendOfflineViews } from './offline-views';
import { useAttachmentApi } from './useDocuments';

export function OfflineViewsSender(): null {
  const { workspace, user } = useWorkspace();
  const online = useOnline();
  const api = useAttachmentApi();
  useEffect(() => {
    if (!online) return;
    // What is not sent now stays in the outbox for the next reconnect.
    void keptDocumentsOf(workspace.db, user.id)
      .then((cache) => cache && sendOfflineViews(cache, api))
      .catch(() => undefined);
  }, [online, workspace.db, user.id, api]);
  return null;
}
