// Migration 8: inbound fax and e-mail sources (issue 19). A source keeps no secret: only the salt
// from which the server derives it (intake/inbound-sources.ts). Its deliveries are kept by message
// id (or body hash) so a service's redelivery files nothing new.
import type { MigrationContext } from './types';

export async function up(m: MigrationContext): Promise<void> {
  await m.db.schema
    .createTable('inbound_sources')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('type_id', 'text', (c) => c.notNull())
    .addColumn('secret_salt', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('rotated_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await m.db.schema
    .createTable('inbound_deliveries')
    .ifNotExists()
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('delivery_key', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbound_deliveries_pk', ['source_id', 'delivery_key'])
    .execute();
}
