// Sessions, workstation enrollment, user status and reading the audit chain as stored, written once
// for both adapters (see queries.ts for the replication core).
import type { Storage, WorkstationRecord } from '../types';
import { toSession, toStoredAudit, toWorkstation, type AuditRow, type SessionRow, type WorkstationRow } from './rows';
import type { Connections } from './sql';

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

const REVOKE = 'UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND ';

export function securityStorage(db: Connections): SecurityStorage {
  const { read } = db;
  // Timestamps are ISO text compared in byte order.
  const t = db.dialect.byteOrder;
  const changed = (sql: string, params: unknown[]) => db.write(async (w) => (await w.run(sql, params)) === 1);
  const insert = (sql: string, params: unknown[]) =>
    db.write(async (w) => {
      await w.run(sql, params);
    });

  return {
    readAudit: async ({ afterId, limit, from, to }) =>
      // '' sorts before and '\uffff' after every ISO timestamp.
      (
        await read.all<AuditRow>(`SELECT * FROM audit WHERE id > ? AND at${t} >= ? AND at${t} < ? ORDER BY id LIMIT ?`, [
          afterId,
          from ?? '',
          to ?? '\uffff',
          limit,
        ])
      ).map((row) => toStoredAudit(row, db.dialect.json)),
    setUserActive: (id, active) => changed('UPDATE users SET active = ? WHERE id = ?', [active, id]),
    setUserPassword: (id, hash, temporary) =>
      changed('UPDATE users SET password_hash = ?, password_temporary = ? WHERE id = ?', [hash, temporary, id]),
    insertSession: (s) =>
      insert(
        `INSERT INTO sessions (id, user_id, workstation_id, workstation_enrolled, refresh_hash, created_at, expires_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [s.id, s.userId, s.workstationId, s.workstationEnrolled, s.refreshHash, s.createdAt, s.expiresAt, s.revokedAt],
      ),
    getSession: async (id) => {
      const row = await read.get<SessionRow>('SELECT * FROM sessions WHERE id = ?', [id]);
      return row && toSession(row);
    },
    rotateSessionRefresh: (id, expectedHash, nextHash, now) =>
      changed(`UPDATE sessions SET refresh_hash = ? WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL AND expires_at${t} > ?`, [
        nextHash,
        id,
        expectedHash,
        now,
      ]),
    revokeSessions: (filter, at) =>
      db.write(async (w) => {
        const [where, params]: [string, string[]] =
          'id' in filter
            ? ['id = ?', [filter.id]]
            : 'workstationId' in filter
              ? ['workstation_id = ? AND workstation_enrolled', [filter.workstationId]]
              : ['user_id = ? AND id <> ?', [filter.userId, filter.exceptId ?? '']];
        return (await w.all<{ id: string }>(`${REVOKE}${where} RETURNING id`, [at, ...params])).map((r) => r.id);
      }),
    listLiveSessions: async (now) =>
      (
        await read.all<SessionRow>(`SELECT * FROM sessions WHERE revoked_at IS NULL AND expires_at${t} > ? ORDER BY created_at DESC, id`, [
          now,
        ])
      ).map(toSession),
    insertEnrollmentCode: (c) =>
      insert('INSERT INTO enrollment_codes (code_hash, location_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
        c.codeHash,
        c.locationId,
        c.createdBy,
        c.createdAt,
        c.expiresAt,
      ]),
    insertEnrollmentToken: (c) =>
      insert(
        'INSERT INTO enrollment_tokens (token_hash, location_id, created_by, created_at, expires_at, max_uses) VALUES (?, ?, ?, ?, ?, ?)',
        [c.codeHash, c.locationId, c.createdBy, c.createdAt, c.expiresAt, c.maxUses],
      ),
    enrollWorkstation: (codeHash, now, ws) =>
      db.transaction(async (w) => {
        // A code's use, else one of a token's uses. The UPDATE's row lock (PostgreSQL, whose READ
        // COMMITTED checks the WHERE again on the locked row) or the single writer (SQLite) lets
        // only one of two concurrent uses take the last one.
        const used =
          (await w.get<{ location_id: string }>(
            `UPDATE enrollment_codes SET used_at = ?, workstation_id = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at${t} > ? RETURNING location_id`,
            [now, ws.id, codeHash, now],
          )) ??
          (await w.get<{ location_id: string }>(
            `UPDATE enrollment_tokens SET uses = uses + 1 WHERE token_hash = ? AND uses < max_uses AND expires_at${t} > ? RETURNING location_id`,
            [codeHash, now],
          ));
        if (!used) return undefined;
        const record: WorkstationRecord = { ...ws, locationId: used.location_id, revokedAt: null, lastSeenAt: null, appVersion: null };
        await w.run('INSERT INTO workstations (id, location_id, name, secret_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)', [
          record.id,
          record.locationId,
          record.name,
          record.secretHash,
          record.enrolledAt,
        ]);
        return record;
      }),
    getWorkstation: async (id) => {
      const row = await read.get<WorkstationRow>('SELECT * FROM workstations WHERE id = ?', [id]);
      return row && toWorkstation(row);
    },
    listWorkstations: async () =>
      (await read.all<WorkstationRow>(`SELECT * FROM workstations ORDER BY enrolled_at${t}, id`)).map(toWorkstation),
    revokeWorkstation: (id, at) => changed('UPDATE workstations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]),
    touchWorkstation: (id, at, appVersion) =>
      insert('UPDATE workstations SET last_seen_at = ?, app_version = coalesce(?, app_version) WHERE id = ?', [at, appVersion, id]),
  };
}
