// Migration 4: API keys for other systems filing intake tasks (issue 19). The secret is kept only
// as its hash; the scopes as JSON text (read back through their schema).
import type { MigrationContext } from './types';

export async function up(m: MigrationContext): Promise<void> {
  await m.db.schema
    .createTable('api_keys')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('rotated_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}
