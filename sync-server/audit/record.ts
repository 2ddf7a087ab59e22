// One audit entry in its own transaction, for events that are not part of a push (sign-in,
// sign-out, lock, admin actions). Push writes its entries inside the push transaction.
import { auditWorkstationId } from '../auth/enrollment';
import type { AuditRecord, Storage } from '../storage/types';

export function recordAudit(
  storage: Storage,
  entry: Pick<AuditRecord, 'actorId' | 'workstationId' | 'action'> & Partial<AuditRecord>,
): Promise<void> {
  return storage.write((tx) =>
    tx.appendAudit({
      at: new Date().toISOString(),
      collection: '',
      docId: '',
      before: null,
      after: null,
      reason: '',
      ...entry,
    }),
  );
}

/** What a signed-in person did: they are the actor, on their workstation as the audit log names it. */
export function recordActorAudit(
  storage: Storage,
  actor: { userId: string; workstationId: string; workstationEnrolled?: boolean },
  entry: Pick<AuditRecord, 'action'> & Partial<Omit<AuditRecord, 'actorId' | 'workstationId'>>,
): Promise<void> {
  return recordAudit(storage, { actorId: actor.userId, workstationId: auditWorkstationId(actor), ...entry });
}
