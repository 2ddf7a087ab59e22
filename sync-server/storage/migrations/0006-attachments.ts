// Migration 6: documents attached to tasks (issue 19). Each row holds one document sealed under the
// server's attachment key (AES-256-GCM, attachments/seal.ts): the database alone reveals no
// document. The task lists its documents in a new server-owned field, `attachments`: every stored
// task gets the empty list here, so every task read from the database has the field.
import type { MigrationContext } from './types';

export async function up(m: MigrationContext): Promise<void> {
  await m.db.schema
    .createTable('attachments')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('sealed', m.kind === 'sqlite' ? 'blob' : 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await m.db.schema.createIndex('attachments_by_task').ifNotExists().on('attachments').column('task_id').execute();
  // Without a new seq: replicas holding these tasks add the same empty list (shared/rx-migrations.ts).
  await m.exec(
    m.kind === 'sqlite'
      ? `UPDATE docs SET data = json_set(data, '$.attachments', json('[]'))
         WHERE collection = 'tasks' AND json_type(data, '$.attachments') IS NULL`
      : `UPDATE docs SET data = data || '{"attachments":[]}'::jsonb WHERE collection = 'tasks' AND NOT (data ? 'attachments')`,
  );
}
