// Audit entries. recordAudit and recordActorAudit write one in its own transaction, for events
// that are not part of a push (sign-in, sign-out, lock, admin actions); a write that audits inside
// its own transaction (push, attachments) appends actorAuditEntry there.
import { auditWorkstationId } from '../auth/enrollment';
import type { AuditRecord, Storage } from '../storage/types';

type ActorAuditFields = Pick<AuditRecord, 'action'> & Partial<Omit<AuditRecord, 'actorId' | 'workstationId'>>;

/** An entry with the fields it does not name empty, and the time now unless given. */
function auditEntry(entry: Pick<AuditRecord, 'actorId' | 'workstationId' | 'action'> & Partial<AuditRecord>): AuditRecord {
  return { at: new Date().toISOString(), collection: '', docId: '', before: null, after: null, reason: '', ...entry };
}

/** An entry of what a signed-in person did: they are the actor, on their workstation as the audit log names it. */
export function actorAuditEntry(
  actor: { userId: string; workstationId: string; workstationEnrolled?: boolean },
  entry: ActorAuditFields,
): AuditRecord {
  return auditEntry({ actorId: actor.userId, workstationId: auditWorkstationId(actor), ...entry });
}

export function recordAudit(
  storage: Storage,
  entry: Pick<AuditRecord, 'actorId' | 'workstationId' | 'action'> & Partial<AuditRecord>,
): Promise<void> {
  return storage.write((tx) => tx.appendAudit(auditEntry(entry)));
}

/** What a signed-in person did, in its own transaction. */
export function recordActorAudit(
  storage: Storage,
  actor: { userId: string; workstationId: string; workstationEnrolled?: boolean },
  entry: ActorAuditFields,
): Promise<void> {
  return storage.write((tx) => tx.appendAudit(actorAuditEntry(actor, entry)));
}
