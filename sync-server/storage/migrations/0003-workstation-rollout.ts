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
  for (const column of ['revoked_at', 'last_seen_at', 'app_version']) {
    await m.db.schema.alterTable('workstations').addColumn(column, 'text').execute();
  }
}
