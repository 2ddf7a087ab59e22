// Opening a task's document: from the server whenever it answers (so every view is on its audit
// record), kept sealed on the workstation when the task is the person's own work, and read from
// that kept copy only when the server cannot be reached; such a view goes to the outbox first, for
// the server's record once the connection is back (offline-views.ts).
import type { AttachmentRef } from '../../../shared/attachments/attachment';
import type { AttachmentCache } from '../../db/attachment-cache';
import type { AttachmentApi } from './attachment-api';

export type OpenedDocument =
  | { kind: 'ready'; bytes: Uint8Array<ArrayBuffer>; fromCache: boolean }
  /** Offline, and this workstation does not keep the document. */
  | { kind: 'offline' }
  | { kind: 'refused'; message: string };

export interface OpenDocumentDeps {
  api: Pick<AttachmentApi, 'read'>;
  /** The person's kept documents; null where nothing may be kept (no replica key). */
  cache: AttachmentCache | null;
  /** Whether the task is the person's own work now: only then is the document kept. */
  keep: boolean;
}

export async function openDocument(taskId: string, ref: AttachmentRef, deps: OpenDocumentDeps): Promise<OpenedDocument> {
  const { api, cache, keep } = deps;
  const answer = await api.read(taskId, ref.id, 'view');
  if (answer.kind === 'ok') {
    // A copy that cannot be kept (storage full) must not stop the person from reading it now.
    if (keep && cache) await cache.put({ attachmentId: ref.id, taskId, contentType: ref.contentType }, answer.bytes).catch(() => undefined);
    return { kind: 'ready', bytes: answer.bytes, fromCache: false };
  }
  if (answer.kind === 'refused') {
    // The server no longer lets this person read it: no copy stays behind either.
    await cache?.remove([ref.id]).catch(() => undefined);
    return answer;
  }
  const kept = await cache?.get(taskId, ref.id).catch(() => null);
  if (!cache || !kept) return { kind: 'offline' };
  // Noted before it is shown, as the server records a view before it sends a byte.
  const noted = await cache.noteOfflineView(taskId, ref.id).then(
    () => true,
    () => false,
  );
  if (!noted) return { kind: 'refused', message: 'This view could not be recorded on this workstation, so the kept copy stays closed.' };
  return { kind: 'ready', bytes: kept.bytes, fromCache: true };
}
