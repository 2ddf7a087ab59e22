// Migration 1: the tables of every release before numbered migrations (up to c674bc6), written
// so that it accepts an empty database and one those releases made (their setup script created
// the same tables with IF NOT EXISTS and added columns later: doc_writers, users.roles,
// users.password_temporary). Never edit it: add a migration instead (see index.ts).
import type { MigrationContext } from './types';

const SQLITE = `
CREATE TABLE IF NOT EXISTS docs (
  collection TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, deleted INTEGER NOT NULL,
  data TEXT NOT NULL, buckets TEXT NOT NULL, PRIMARY KEY (collection, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bucket_ops (
  bucket TEXT NOT NULL, collection TEXT NOT NULL, doc_id TEXT NOT NULL, seq INTEGER NOT NULL,
  removed INTEGER NOT NULL, PRIMARY KEY (bucket, collection, doc_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS bucket_ops_pull ON bucket_ops (collection, bucket, seq);
-- What changed after a seq (the KPI report's cache reads only that).
CREATE INDEX IF NOT EXISTS docs_by_seq ON docs (collection, seq);
-- Who made each accepted write (a replica or a session): a replica's own consecutive writes are
-- not a conflict. An older data folder gains it; its older writes have none.
CREATE TABLE IF NOT EXISTS doc_writers (
  collection TEXT NOT NULL, doc_id TEXT NOT NULL, seq INTEGER NOT NULL, writer TEXT NOT NULL,
  PRIMARY KEY (collection, doc_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO counters (name, value) VALUES ('seq', 0);
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT NOT NULL,
  role TEXT NOT NULL, location_ids TEXT NOT NULL, password_hash TEXT NOT NULL,
  active INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor_id TEXT NOT NULL,
  workstation_id TEXT NOT NULL, action TEXT NOT NULL, collection TEXT NOT NULL, doc_id TEXT NOT NULL,
  before TEXT, after TEXT, reason TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS once_keys (key TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, workstation_id TEXT NOT NULL,
  workstation_enrolled INTEGER NOT NULL, refresh_hash TEXT NOT NULL, created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL, revoked_at TEXT);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
CREATE TABLE IF NOT EXISTS enrollment_codes (
  code_hash TEXT PRIMARY KEY, location_id TEXT NOT NULL, created_by TEXT NOT NULL,
  created_at TEXT NOT NULL, expires_at TEXT NOT NULL, used_at TEXT, workstation_id TEXT);
CREATE TABLE IF NOT EXISTS workstations (
  id TEXT PRIMARY KEY, location_id TEXT NOT NULL, name TEXT NOT NULL, secret_hash TEXT NOT NULL,
  enrolled_at TEXT NOT NULL);
`;

const POSTGRES = `
CREATE TABLE IF NOT EXISTS docs (
  collection text NOT NULL, id text NOT NULL, seq bigint NOT NULL, deleted boolean NOT NULL,
  data jsonb NOT NULL, buckets jsonb NOT NULL, PRIMARY KEY (collection, id));
CREATE TABLE IF NOT EXISTS bucket_ops (
  bucket text NOT NULL, collection text NOT NULL, doc_id text NOT NULL, seq bigint NOT NULL,
  removed boolean NOT NULL, PRIMARY KEY (bucket, collection, doc_id));
CREATE INDEX IF NOT EXISTS bucket_ops_pull ON bucket_ops (collection, bucket, seq);
CREATE INDEX IF NOT EXISTS docs_by_seq ON docs (collection, seq);
CREATE TABLE IF NOT EXISTS doc_writers (
  collection text NOT NULL, doc_id text NOT NULL, seq bigint NOT NULL, writer text NOT NULL,
  PRIMARY KEY (collection, doc_id, seq));
CREATE TABLE IF NOT EXISTS seq_counter (
  one_row boolean PRIMARY KEY DEFAULT true CHECK (one_row), seq bigint NOT NULL);
INSERT INTO seq_counter (one_row, seq) VALUES (true, 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS users (
  id text PRIMARY KEY, username text NOT NULL, display_name text NOT NULL, role text NOT NULL,
  location_ids jsonb NOT NULL, password_hash text NOT NULL, active boolean NOT NULL, created_at text NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS users_username ON users (lower(username));
-- Several roles per user (issue 4); NULL in older rows, which read their one role column.
ALTER TABLE users ADD COLUMN IF NOT EXISTS roles jsonb;
-- Set by an admin (new person, reset); NULL in older rows, which hold a password of their own.
ALTER TABLE users ADD COLUMN IF NOT EXISTS password_temporary boolean;
CREATE TABLE IF NOT EXISTS settings (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  id bigserial PRIMARY KEY, at text NOT NULL, actor_id text NOT NULL, workstation_id text NOT NULL,
  action text NOT NULL, collection text NOT NULL, doc_id text NOT NULL, before jsonb, after jsonb,
  reason text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL);
CREATE TABLE IF NOT EXISTS once_keys (key text PRIMARY KEY, at text NOT NULL);
CREATE OR REPLACE FUNCTION baton_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;
CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION baton_audit_append_only();
CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION baton_audit_append_only();
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
CREATE TABLE IF NOT EXISTS sessions (
  id text PRIMARY KEY, user_id text NOT NULL, workstation_id text NOT NULL,
  workstation_enrolled boolean NOT NULL, refresh_hash text NOT NULL, created_at text NOT NULL,
  expires_at text NOT NULL, revoked_at text);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user_id);
CREATE TABLE IF NOT EXISTS enrollment_codes (
  code_hash text PRIMARY KEY, location_id text NOT NULL, created_by text NOT NULL,
  created_at text NOT NULL, expires_at text NOT NULL, used_at text, workstation_id text);
CREATE TABLE IF NOT EXISTS workstations (
  id text PRIMARY KEY, location_id text NOT NULL, name text NOT NULL, secret_hash text NOT NULL,
  enrolled_at text NOT NULL);
`;

export async function up(m: MigrationContext): Promise<void> {
  if (m.kind === 'postgres') {
    await m.exec(POSTGRES);
    return;
  }
  await m.exec(SQLITE);
  // SQLite has no ADD COLUMN IF NOT EXISTS: users of an older data folder lack these two.
  const columns = new Set((await m.rows<{ name: string }>('PRAGMA table_info(users)')).map((c) => c.name));
  if (!columns.has('roles')) await m.exec('ALTER TABLE users ADD COLUMN roles TEXT');
  if (!columns.has('password_temporary')) await m.exec('ALTER TABLE users ADD COLUMN password_temporary INTEGER');
}
