// Migration 2: sign-in failures counted in the database, so several instances on one PostgreSQL
// share one allowance (storage/postgres-sign-in.ts). SQLite runs one instance and counts in memory.
import type { MigrationContext } from './types';

export async function up(m: MigrationContext): Promise<void> {
  if (m.kind !== 'postgres') return;
  await m.exec(`
CREATE TABLE IF NOT EXISTS sign_in_failures (id bigserial PRIMARY KEY, key text NOT NULL, at bigint NOT NULL);
CREATE INDEX IF NOT EXISTS sign_in_failures_key ON sign_in_failures (key, at);
CREATE INDEX IF NOT EXISTS sign_in_failures_at ON sign_in_failures (at);
`);
}
