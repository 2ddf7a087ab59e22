// Views of a document that a workstation read from its kept copy while offline, recorded when it is
// back: one audit entry each (`attachment_viewed_offline`: ids, the workstation's time of the view,
// the server's time of the entry). A view is recorded once, however often it is sent: its id is
// claimed (WriteTx.claimOnce, key per person) in the transaction that appends its entry. A time
// the server doubts (ahead of its clock, or long past) is recorded with a flag, never dropped.
// A person who can no longer read the task (moved to another location, a role taken away) still
// has their views recorded, flagged, if the server once served them that document (the copy they
// read came from it: recordDocumentRead); anyone else gets the 404 of a document they cannot read.
import type { OfflineView, OfflineViewsRecorded } from '../../shared/attachments/offline-views';
import type { Actor } from '../auth/actor';
import { actorAuditEntry } from '../audit/record';
import { HttpError } from '../errors/http-error';
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
/** Claimed when the server serves a person a document: they may hold a copy of it from then on. */
const servedKey = (userId: string, taskId: string, attachmentId: string) => `served:${userId}:${taskId}:${attachmentId}`;

/** Audits a read of a document (view or download) and remembers that this person holds a copy of it. */
export async function recordDocumentRead(
  sync: SyncContext,
  actor: Actor,
  taskId: string,
  attachmentId: string,
  purpose: 'view' | 'download',
): Promise<void> {
  const at = new Date().toISOString();
  await sync.storage.write(async (tx) => {
    await tx.appendAudit(
      actorAuditEntry(actor, {
        at,
        action: purpose === 'view' ? 'attachment_viewed' : 'attachment_downloaded',
        collection: 'tasks',
        docId: taskId,
        after: { attachmentId },
      }),
    );
    await tx.claimOnce(servedKey(actor.userId, taskId, attachmentId), at);
  });
}

/** Records the actor's offline views of a document they read, or were served (404 otherwise, as for a download). */
export async function recordOfflineViews(
  sync: SyncContext,
  actor: Actor,
  taskId: string,
  attachmentId: string,
  views: readonly OfflineView[],
): Promise<OfflineViewsRecorded> {
  // A 404 (no read now) is looked at below; anything else is thrown as it is.
  const refusal = await readableAttachment(sync, actor, taskId, attachmentId).then(
    () => null,
    (error: unknown) => {
      if (error instanceof HttpError && error.statusCode === 404) return error;
      throw error;
    },
  );
  const now = new Date();
  const at = now.toISOString();
  return sync.storage.write(async (tx) => {
    // Never served to this person: the same 404 as for any document they cannot read. Claiming
    // tells whether it was; the throw rolls that claim back with the transaction.
    if (refusal && (await tx.claimOnce(servedKey(actor.userId, taskId, attachmentId), at))) throw refusal;
    let recorded = 0;
    for (const { viewId, viewedAt } of views) {
      if (!(await tx.claimOnce(claimKey(actor.userId, viewId), at))) continue;
      const doubt = doubtAbout(viewedAt, now.getTime());
      await tx.appendAudit(
        actorAuditEntry(actor, {
          at,
          action: 'attachment_viewed_offline',
          collection: 'tasks',
          docId: taskId,
          after: { attachmentId, viewId, viewedAt, ...(doubt ? { viewedAtDoubt: doubt } : {}), ...(refusal ? { readableNow: false } : {}) },
        }),
      );
      recorded += 1;
    }
    return { recorded, alreadyRecorded: views.length - recorded };
  });
}
