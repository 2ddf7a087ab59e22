// Migration 3: rolling out to locations (issue 17): enrollment tokens that enroll several
// workstations, and each workstation's revocation, last contact and app release.
import type { MigrationContext } from './types';

export async function up(m: MigrationContext): Promise<void> {
  await m.db.schema
    .createTable('enrollment_tokens')
    .ifNotExists()
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('max_uses', 'integer', (c) => c.notNull())
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Idempotent like migration 1 (a data folder may come back without its migration table).
  const have = m.kind === 'sqlite' ? (await m.rows<{ name: string }>('PRAGMA table_info(workstations)')).map((c) => c.name) : [];
  for (const column of ['revoked_at', 'last_seen_at', 'app_version']) {
    if (m.kind === 'postgres') await m.exec(`ALTER TABLE workstations ADD COLUMN IF NOT EXISTS ${column} text`);
    else if (!have.includes(column)) await m.db.schema.alterTable('workstations').addColumn(column, 'text').execute();
  }
}
