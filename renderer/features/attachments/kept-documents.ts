// The signed-in person's kept documents, opened once per open replica with the replica's key and
// closed with it (lock, switching person, sign-out).
import { openAttachmentCache, type AttachmentCache } from '../../db/attachment-cache';
import { phiKeyOf, type BatonDatabase } from '../../db/database';

const opened = new WeakMap<BatonDatabase, Promise<AttachmentCache | null>>();

/** null where nothing may be kept: a replica without a key keeps no document either. */
export function keptDocumentsOf(db: BatonDatabase, userId: string): Promise<AttachmentCache | null> {
  let cache = opened.get(db);
  if (!cache) {
    const key = phiKeyOf(db);
    cache = key ? key.then((k) => openAttachmentCache({ userId, key: k })).catch(() => null) : Promise.resolve(null);
    const closing = cache;
    db.onClose.push(async () => (await closing)?.close());
    opened.set(db, cache);
  }
  return cache;
}
