// Views of a document that a workstation read from its kept copy while offline, recorded when it is
// back: one audit entry each (`attachment_viewed_offline`: ids, the workstation's time of the view,
// the server's time of the entry). A view is recorded once, however often it is sent: its id is
// claimed (WriteTx.claimOnce, key per person) in the transaction that appends its entry. A time
// the server doubts (ahead of its clock, or long past) is recorded with a flag, never dropped.
import type { OfflineView, OfflineViewsRecorded } from '../../shared/attachments/offline-views';
import type { Actor } from '../auth/actor';
import { auditWorkstationId } from '../auth/enrollment';
import type { SyncContext } from '../sync/context';
import { readableAttachment } from './store';

/** Clocks of workstations drift: this much ahead of the server's is still taken as said. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A kept copy is deleted when its task leaves the person's work: a view older than this is unusual. */
const OLDEST_EXPECTED_MS = 30 * 24 * 3600_000;

/** Why the server doubts a view's time, if it does. */
type ViewedAtDoubt = 'ahead_of_server_clock' | 'older_than_30_days';

function doubtAbout(viewedAt: string, now: number): ViewedAtDoubt | null {
  const at = Date.parse(viewedAt);
  if (at > now + CLOCK_SKEW_MS) return 'ahead_of_server_clock';
  if (at < now - OLDEST_EXPECTED_MS) return 'older_than_30_days';
  return null;
}

const claimKey = (userId: string, viewId: string) => `offline-view:${userId}:${viewId}`;

/** Records the actor's offline views of a document they read (404 otherwise, as for a download). */
export async function recordOfflineViews(
  sync: SyncContext,
  actor: Actor,
  taskId: string,
  attachmentId: string,
  views: readonly OfflineView[],
): Promise<OfflineViewsRecorded> {
  await readableAttachment(sync, actor, taskId, attachmentId);
  const now = new Date();
  const at = now.toISOString();
  return sync.storage.write(async (tx) => {
    let recorded = 0;
    for (const { viewId, viewedAt } of views) {
      if (!(await tx.claimOnce(claimKey(actor.userId, viewId), at))) continue;
      const doubt = doubtAbout(viewedAt, now.getTime());
      await tx.appendAudit({
        at,
        actorId: actor.userId,
        workstationId: auditWorkstationId(actor),
        action: 'attachment_viewed_offline',
        collection: 'tasks',
        docId: taskId,
        before: null,
        after: { attachmentId, viewId, viewedAt, ...(doubt ? { viewedAtDoubt: doubt } : {}) },
        reason: '',
      });
      recorded += 1;
    }
    return { recorded, alreadyRecorded: views.length - recorded };
  });
}
