// Raises the batched, PHI-free OS notification for new items in the person's list (Electron; the
// web host has none). The batching and filtering are the pure OsNoticeBatcher; this only wires the
// replica, the person's preferences and a timer to it. One batcher per person on this workstation.
import { useEffect } from 'react';
import { combineLatest } from 'rxjs';
import { OsNoticeBatcher } from '../../../shared/notifications/os-batch';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { arrivals$, preferences$ } from './notifications';
import { getHost } from '../../host';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';

const batchers = new Map<string, OsNoticeBatcher>();

export function InboxNotifier() {
  const { workspace, user, locationId } = useWorkspace();
  const config = usePracticeConfig();
  const timeZone = config.locations.get(locationId)?.timeZone ?? 'UTC';
  useEffect(() => {
    const host = getHost();
    if (!host.notifyInbox) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      const batcher = batchers.get(user.id);
      const notice = batcher?.take(Date.now());
      if (notice) void host.notifyInbox?.(notice);
      const next = batcher?.nextAt();
      if (timer) clearTimeout(timer);
      timer = next === undefined ? undefined : setTimeout(flush, Math.max(0, next - Date.now()));
    };
    const subscription = combineLatest([arrivals$(workspace.db), preferences$(workspace.db, user.id)]).subscribe(([arrivals, prefs]) => {
      let batcher = batchers.get(user.id);
      // What the replica holds when the person's first window opens is not new.
      if (!batcher) batchers.set(user.id, (batcher = new OsNoticeBatcher(arrivals.map((a) => a.id))));
      batcher.offer(arrivals, prefs, timeZone, Date.now());
      flush();
    });
    return () => {
      subscription.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [workspace.db, user.id, timeZone]);
  return null;
}
