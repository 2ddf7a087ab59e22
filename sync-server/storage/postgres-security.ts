// The PostgreSQL side of sessions, workstation enrollment and reading the audit chain as stored.
// Kept apart from postgres.ts so the replication core stays small; postgres.ts mixes these in.
import type pg from 'pg';
import { storableText } from './audit-hash';
import type { SecurityStorage } from './sqlite-security';
import { toStoredAudit, toWorkstation, type WorkstationRow } from './sqlite-security';
import type { SessionRecord, WorkstationRecord } from './types';

/**
 * PostgreSQL refuses NUL in text (a lookup by a NUL-bearing name would fail with a 500): it
 * becomes U+FFFD, as lone surrogates already do on the way to UTF-8. jsonb parameters are JSON
 * text, where NUL is an escape, not a NUL byte.
 */
export const textParams = (params: unknown[]): unknown[] => params.map((p) => (typeof p === 'string' ? storableText(p) : p));

interface SessionRow {
  id: string;
  user_id: string;
  workstation_id: string;
  workstation_enrolled: boolean;
  refresh_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  workstationId: row.workstation_id,
  workstationEnrolled: row.workstation_enrolled,
  refreshHash: row.refresh_hash,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

// Text timestamps compare as ISO strings, as in SQLite; COLLATE "C" keeps that byte order.
export function postgresSecurity(pool: pg.Pool): SecurityStorage {
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> =>
    (await pool.query<R>(sql, textParams(params))).rows;

  return {
    readAudit: async ({ afterId, limit, from, to }) => {
      const rows = await query<Parameters<typeof toStoredAudit>[0] & { id: string }>(
        `SELECT * FROM audit WHERE id > $1
           AND ($2::text IS NULL OR at COLLATE "C" >= $2) AND ($3::text IS NULL OR at COLLATE "C" < $3)
         ORDER BY id LIMIT $4`,
        [afterId, from ?? null, to ?? null, limit],
      );
      return rows.map(toStoredAudit);
    },
    setUserActive: async (id, active) => (await pool.query('UPDATE users SET active = $1 WHERE id = $2', [active, id])).rowCount === 1,
    setUserPassword: async (id, hash, temporary) =>
      (await pool.query('UPDATE users SET password_hash = $1, password_temporary = $2 WHERE id = $3', [hash, temporary, id])).rowCount === 1,
    insertSession: async (s) => {
      await query(
        `INSERT INTO sessions (id, user_id, workstation_id, workstation_enrolled, refresh_hash, created_at, expires_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [s.id, s.userId, s.workstationId, s.workstationEnrolled, s.refreshHash, s.createdAt, s.expiresAt, s.revokedAt],
      );
    },
    getSession: async (id) => {
      const [row] = await query<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id]);
      return row ? toSession(row) : undefined;
    },
    rotateSessionRefresh: async (id, expectedHash, nextHash, now) =>
      (
        await pool.query(
          `UPDATE sessions SET refresh_hash = $1
           WHERE id = $2 AND refresh_hash = $3 AND revoked_at IS NULL AND expires_at COLLATE "C" > $4`,
          [nextHash, id, expectedHash, now],
        )
      ).rowCount === 1,
    revokeSessions: async (filter, at) => {
      const rows =
        'id' in filter
          ? await query<{ id: string }>('UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id', [at, filter.id])
          : 'workstationId' in filter
            ? await query<{ id: string }>(
                'UPDATE sessions SET revoked_at = $1 WHERE workstation_id = $2 AND workstation_enrolled AND revoked_at IS NULL RETURNING id',
                [at, filter.workstationId],
              )
            : await query<{ id: string }>('UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND id <> $3 AND revoked_at IS NULL RETURNING id', [
              at,
              filter.userId,
              filter.exceptId ?? '',
            ]);
      return rows.map((r) => r.id);
    },
    listLiveSessions: async (now) =>
      (
        await query<SessionRow>(
          'SELECT * FROM sessions WHERE revoked_at IS NULL AND expires_at COLLATE "C" > $1 ORDER BY created_at DESC, id',
          [now],
        )
      ).map(toSession),
    insertEnrollmentCode: async (code) => {
      await query(
        `INSERT INTO enrollment_codes (code_hash, location_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [code.codeHash, code.locationId, code.createdBy, code.createdAt, code.expiresAt],
      );
    },
    insertEnrollmentToken: async (token) => {
      await query(
        `INSERT INTO enrollment_tokens (token_hash, location_id, created_by, created_at, expires_at, max_uses) VALUES ($1, $2, $3, $4, $5, $6)`,
        [token.codeHash, token.locationId, token.createdBy, token.createdAt, token.expiresAt, token.maxUses],
      );
    },
    enrollWorkstation: async (codeHash, now, ws) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        // The row lock of the UPDATE makes a second, concurrent use of the same code find it used.
        const used = await client.query<{ location_id: string }>(
          `UPDATE enrollment_codes SET used_at = $1, workstation_id = $2
           WHERE code_hash = $3 AND used_at IS NULL AND expires_at COLLATE "C" > $1 RETURNING location_id`,
          [now, ws.id, codeHash],
        );
        // A token's use: the row lock serializes concurrent uses, and the WHERE is checked again
        // on the locked row (READ COMMITTED), so the last use goes to one of them only.
        const location =
          used.rows[0] ??
          (
            await client.query<{ location_id: string }>(
              `UPDATE enrollment_tokens SET uses = uses + 1
               WHERE token_hash = $1 AND uses < max_uses AND expires_at COLLATE "C" > $2 RETURNING location_id`,
              [codeHash, now],
            )
          ).rows[0];
        if (!location) {
          await client.query('ROLLBACK');
          return undefined;
        }
        const record: WorkstationRecord = { ...ws, locationId: location.location_id, revokedAt: null, lastSeenAt: null, appVersion: null };
        await client.query(
          'INSERT INTO workstations (id, location_id, name, secret_hash, enrolled_at) VALUES ($1, $2, $3, $4, $5)',
          [record.id, record.locationId, record.name, record.secretHash, record.enrolledAt],
        );
        await client.query('COMMIT');
        return record;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    getWorkstation: async (id) => {
      const [row] = await query<WorkstationRow>('SELECT * FROM workstations WHERE id = $1', [id]);
      return row ? toWorkstation(row) : undefined;
    },
    listWorkstations: async () => (await query<WorkstationRow>('SELECT * FROM workstations ORDER BY enrolled_at COLLATE "C", id')).map(toWorkstation),
    revokeWorkstation: async (id, at) =>
      (await pool.query('UPDATE workstations SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', textParams([at, id]))).rowCount === 1,
    touchWorkstation: async (id, at, appVersion) => {
      await query('UPDATE workstations SET last_seen_at = $1, app_version = coalesce($2, app_version) WHERE id = $3', [at, appVersion, id]);
    },
  };
}
