// Tables and columns added for rolling out to locations (issue 17): enrollment tokens for several
// workstations, and each workstation's revocation, last contact and app release. Idempotent and
// run after the security schema, so an existing database from the current release gains them.
import type Database from 'better-sqlite3';

const SQLITE_TOKENS = `
CREATE TABLE IF NOT EXISTS enrollment_tokens (
  token_hash TEXT PRIMARY KEY, location_id TEXT NOT NULL, created_by TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at TEXT NOT NULL, max_uses INTEGER NOT NULL,
  uses INTEGER NOT NULL DEFAULT 0);
`;

const WORKSTATION_COLUMNS = ['revoked_at', 'last_seen_at', 'app_version'] as const;

export function migrateSqliteWorkstations(db: Database.Database): void {
  db.exec(SQLITE_TOKENS);
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(workstations)').all();
  for (const column of WORKSTATION_COLUMNS) {
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE workstations ADD COLUMN ${column} TEXT`);
  }
}

/** Run by migrate() after the security schema, under the same advisory lock. */
export const POSTGRES_WORKSTATION_SCHEMA = `
CREATE TABLE IF NOT EXISTS enrollment_tokens (
  token_hash text PRIMARY KEY, location_id text NOT NULL, created_by text NOT NULL,
  created_at text NOT NULL, expires_at text NOT NULL, max_uses integer NOT NULL,
  uses integer NOT NULL DEFAULT 0);
${WORKSTATION_COLUMNS.map((c) => `ALTER TABLE workstations ADD COLUMN IF NOT EXISTS ${c} text;`).join('\n')}
`;
