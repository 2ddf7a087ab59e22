// Keeps the tray/dock badge (or, on the web, the page title) on the user's counts and raises an
// OS notification when more items wait for their sign-off. Counts and a queue name only: no PHI.
import { useEffect, useRef } from 'react';
import type { BadgeCounts } from '../../../shared/ipc/schemas';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { attentionCounts$, newlyWaiting } from './attention';
import { getHost } from '../../host';
import { showBadgeCounts } from '../../host/capabilities';

export function AttentionBadge() {
  const { workspace, user } = useWorkspace();
  const previous = useRef<BadgeCounts | undefined>(undefined);
  useEffect(() => {
    const host = getHost();
    const subscription = attentionCounts$(workspace.db, { id: user.id, roles: user.roles }).subscribe((counts) => {
      void showBadgeCounts(host, counts);
      const count = newlyWaiting(previous.current, counts);
      if (count > 0) void host.notify?.({ count, queue: 'Needs my approval' });
      previous.current = counts;
    });
    return () => subscription.unsubscribe();
  }, [workspace.db, user.id, user.roles]);
  return null;
}
