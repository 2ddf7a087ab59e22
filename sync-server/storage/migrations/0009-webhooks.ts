// Migration 9: signed outbound webhooks (issue 19). `webhook_events` is the outbox the write path
// fills in its own transaction (an event exists only if its write committed); the dispatcher fans
// each event out to `webhook_deliveries`, the persistent queue and the admin's delivery log.
import type { MigrationContext } from './types';

export async function up(m: MigrationContext): Promise<void> {
  await m.db.schema
    .createTable('webhooks')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('location_ids', 'text', (c) => c.notNull())
    .addColumn('allow_phi', 'boolean', (c) => c.notNull())
    // The signing secret is derived from a server secret and this nonce, never stored (webhooks/secret.ts).
    .addColumn('secret_nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('rotated_at', 'text')
    .addColumn('disabled_at', 'text')
    .execute();
  await m.db.schema
    .createTable('webhook_events')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('task', 'text', (c) => c.notNull())
    .execute();
  await m.db.schema
    .createTable('webhook_deliveries')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull())
    // The body without its timestamp; emptied once delivered or failed (it may hold PHI).
    .addColumn('payload', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text')
    // An instance sending it holds it until then, so two instances never send it at once.
    .addColumn('lease_until', 'text')
    .execute();
  await m.db.schema
    .createIndex('webhook_deliveries_due')
    .ifNotExists()
    .on('webhook_deliveries')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await m.db.schema
    .createIndex('webhook_deliveries_log')
    .ifNotExists()
    .on('webhook_deliveries')
    .columns(['webhook_id', 'created_at'])
    .execute();
}
