// The SQLite side of sessions, workstation enrollment and reading the audit chain as stored.
// Kept apart from sqlite.ts so the replication core stays small; sqlite.ts mixes these in.
import type Database from 'better-sqlite3';
import type { EnrollmentCodeRecord, NewWorkstation, SessionRecord, Storage, StoredAuditEntry, WorkstationRecord } from './types';

export type SecurityStorage = Pick<
  Storage,
  | 'readAudit'
  | 'setUserActive'
  | 'setUserPassword'
  | 'insertSession'
  | 'getSession'
  | 'rotateSessionRefresh'
  | 'revokeSessions'
  | 'listLiveSessions'
  | 'insertEnrollmentCode'
  | 'insertEnrollmentToken'
  | 'enrollWorkstation'
  | 'getWorkstation'
  | 'listWorkstations'
  | 'revokeWorkstation'
  | 'touchWorkstation'
>;

interface AuditRow {
  id: number;
  at: string;
  actor_id: string;
  workstation_id: string;
  action: string;
  collection: string;
  doc_id: string;
  before: string | null;
  after: string | null;
  reason: string;
  prev_hash: string;
  hash: string;
}
interface SessionRow {
  id: string;
  user_id: string;
  workstation_id: string;
  workstation_enrolled: number;
  refresh_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}
export interface WorkstationRow {
  id: string;
  location_id: string;
  name: string;
  secret_hash: string;
  enrolled_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  app_version: string | null;
}

const fromJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export const toStoredAudit = (row: Omit<AuditRow, 'id' | 'before' | 'after'> & { id: number | string; before: unknown; after: unknown }): StoredAuditEntry => ({
  id: Number(row.id),
  at: row.at,
  actorId: row.actor_id,
  workstationId: row.workstation_id,
  action: row.action,
  collection: row.collection,
  docId: row.doc_id,
  before: row.before,
  after: row.after,
  reason: row.reason,
  prevHash: row.prev_hash,
  hash: row.hash,
});

const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  workstationId: row.workstation_id,
  workstationEnrolled: row.workstation_enrolled === 1,
  refreshHash: row.refresh_hash,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

export const toWorkstation = (row: WorkstationRow): WorkstationRecord => ({
  id: row.id,
  locationId: row.location_id,
  name: row.name,
  secretHash: row.secret_hash,
  enrolledAt: row.enrolled_at,
  revokedAt: row.revoked_at ?? null,
  lastSeenAt: row.last_seen_at ?? null,
  appVersion: row.app_version ?? null,
});

/**
 * `exclusive` is the adapter's writer queue: a statement on the writer connection outside it
 * could land inside another caller's open transaction.
 */
export function sqliteSecurity(
  writer: Database.Database,
  reader: Database.Database,
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>,
): SecurityStorage {
  const stmt = {
    readAudit: reader.prepare<[number, string, string, number], AuditRow>(
      'SELECT * FROM audit WHERE id > ? AND at >= ? AND at < ? ORDER BY id LIMIT ?',
    ),
    setUserActive: writer.prepare('UPDATE users SET active = ? WHERE id = ?'),
    setUserPassword: writer.prepare('UPDATE users SET password_hash = ?, password_temporary = ? WHERE id = ?'),
    insertSession: writer.prepare(
      `INSERT INTO sessions (id, user_id, workstation_id, workstation_enrolled, refresh_hash, created_at, expires_at, revoked_at)
       VALUES (@id, @userId, @workstationId, @workstationEnrolled, @refreshHash, @createdAt, @expiresAt, @revokedAt)`,
    ),
    getSession: reader.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    rotate: writer.prepare(
      `UPDATE sessions SET refresh_hash = ? WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL AND expires_at > ?`,
    ),
    revokeById: writer.prepare<[string, string], { id: string }>(
      'UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING id',
    ),
    revokeByUser: writer.prepare<[string, string, string], { id: string }>(
      'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id <> ? AND revoked_at IS NULL RETURNING id',
    ),
    revokeByWorkstation: writer.prepare<[string, string], { id: string }>(
      'UPDATE sessions SET revoked_at = ? WHERE workstation_id = ? AND workstation_enrolled = 1 AND revoked_at IS NULL RETURNING id',
    ),
    liveSessions: reader.prepare<[string], SessionRow>(
      'SELECT * FROM sessions WHERE revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, id',
    ),
    insertCode: writer.prepare(
      `INSERT INTO enrollment_codes (code_hash, location_id, created_by, created_at, expires_at)
       VALUES (@codeHash, @locationId, @createdBy, @createdAt, @expiresAt)`,
    ),
    useCode: writer.prepare<[string, string, string, string], { location_id: string }>(
      `UPDATE enrollment_codes SET used_at = ?, workstation_id = ?
       WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING location_id`,
    ),
    insertToken: writer.prepare(
      `INSERT INTO enrollment_tokens (token_hash, location_id, created_by, created_at, expires_at, max_uses)
       VALUES (@codeHash, @locationId, @createdBy, @createdAt, @expiresAt, @maxUses)`,
    ),
    useToken: writer.prepare<[string, string], { location_id: string }>(
      `UPDATE enrollment_tokens SET uses = uses + 1
       WHERE token_hash = ? AND uses < max_uses AND expires_at > ? RETURNING location_id`,
    ),
    listWorkstations: reader.prepare<[], WorkstationRow>('SELECT * FROM workstations ORDER BY enrolled_at, id'),
    revokeWorkstation: writer.prepare('UPDATE workstations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    touchWorkstation: writer.prepare('UPDATE workstations SET last_seen_at = ?, app_version = coalesce(?, app_version) WHERE id = ?'),
    insertWorkstation: writer.prepare(
      `INSERT INTO workstations (id, location_id, name, secret_hash, enrolled_at)
       VALUES (@id, @locationId, @name, @secretHash, @enrolledAt)`,
    ),
    getWorkstation: reader.prepare<[string], WorkstationRow>('SELECT * FROM workstations WHERE id = ?'),
  };

  const enroll = writer.transaction(
    (codeHash: string, now: string, ws: NewWorkstation): WorkstationRecord | undefined => {
      // The writer is one connection in one transaction: two uses of a token's last use cannot both pass.
      const used = stmt.useCode.get(now, ws.id, codeHash, now) ?? stmt.useToken.get(codeHash, now);
      if (!used) return undefined;
      const record: WorkstationRecord = { ...ws, locationId: used.location_id, revokedAt: null, lastSeenAt: null, appVersion: null };
      stmt.insertWorkstation.run(record);
      return record;
    },
  );

  return {
    readAudit: async ({ afterId, limit, from, to }) =>
      // '' sorts before and '\uffff' after every ISO timestamp.
      stmt.readAudit.all(afterId, from ?? '', to ?? '\uffff', limit).map((row) =>
        toStoredAudit({ ...row, before: fromJson(row.before), after: fromJson(row.after) }),
      ),
    setUserActive: (id, active) => exclusive(async () => stmt.setUserActive.run(active ? 1 : 0, id).changes === 1),
    setUserPassword: (id, hash, temporary) => exclusive(async () => stmt.setUserPassword.run(hash, temporary ? 1 : 0, id).changes === 1),
    insertSession: (session) =>
      exclusive(async () => {
        stmt.insertSession.run({ ...session, workstationEnrolled: session.workstationEnrolled ? 1 : 0 });
      }),
    getSession: async (id) => {
      const row = stmt.getSession.get(id);
      return row ? toSession(row) : undefined;
    },
    rotateSessionRefresh: (id, expectedHash, nextHash, now) =>
      exclusive(async () => stmt.rotate.run(nextHash, id, expectedHash, now).changes === 1),
    revokeSessions: (filter, at) =>
      exclusive(async () =>
        ('id' in filter
          ? stmt.revokeById.all(at, filter.id)
          : 'workstationId' in filter
            ? stmt.revokeByWorkstation.all(at, filter.workstationId)
            : stmt.revokeByUser.all(at, filter.userId, filter.exceptId ?? '')
        ).map((r) => r.id),
      ),
    listLiveSessions: async (now) => stmt.liveSessions.all(now).map(toSession),
    insertEnrollmentCode: (code: EnrollmentCodeRecord) =>
      exclusive(async () => {
        stmt.insertCode.run(code);
      }),
    insertEnrollmentToken: (token) =>
      exclusive(async () => {
        stmt.insertToken.run(token);
      }),
    enrollWorkstation: (codeHash, now, workstation) => exclusive(async () => enroll(codeHash, now, workstation)),
    getWorkstation: async (id) => {
      const row = stmt.getWorkstation.get(id);
      return row ? toWorkstation(row) : undefined;
    },
    listWorkstations: async () => stmt.listWorkstations.all().map(toWorkstation),
    revokeWorkstation: (id, at) => exclusive(async () => stmt.revokeWorkstation.run(at, id).changes === 1),
    touchWorkstation: (id, at, appVersion) =>
      exclusive(async () => {
        stmt.touchWorkstation.run(at, appVersion, id);
      }),
  };
}
