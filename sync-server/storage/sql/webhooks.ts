// Outbound webhooks, written once for both adapters: the registrations, the outbox of task events
// and the delivery queue. A delivery is claimed with a lease by a compare-and-set UPDATE (the same
// statement on SQLite and PostgreSQL), so instances sharing a database never send one at once.
import { WebhookEventType } from '../../../shared/intake/webhooks';
import type { Storage, WebhookDeliveryRecord, WebhookEventRecord, WebhookRecord } from '../types';
import type { Connections, Sql } from './sql';

export type WebhookStorage = Pick<
  Storage,
  | 'insertWebhook'
  | 'getWebhook'
  | 'listWebhooks'
  | 'rotateWebhook'
  | 'disableWebhook'
  | 'deleteWebhook'
  | 'pendingWebhookEvents'
  | 'fanOutWebhookEvents'
  | 'claimWebhookDeliveries'
  | 'recordDeliveryAttempt'
  | 'nextWebhookDeliveryAt'
  | 'listWebhookDeliveries'
>;

interface WebhookRow {
  id: string;
  name: string;
  url: string;
  events: string;
  location_ids: string;
  allow_phi: boolean | number;
  secret_nonce: string;
  created_at: string;
  created_by: string;
  rotated_at: string | null;
  disabled_at: string | null;
}

interface EventRow {
  id: string;
  type: string;
  task_id: string;
  location_id: string;
  at: string;
  task: string;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  type: string;
  task_id: string;
  payload: string | null;
  created_at: string;
  state: WebhookDeliveryRecord['state'];
  attempts: number | string;
  last_attempt_at: string | null;
  last_status: number | string | null;
  last_error: string | null;
  next_attempt_at: string | null;
}

const toWebhook = (row: WebhookRow): WebhookRecord => ({
  id: row.id,
  name: row.name,
  url: row.url,
  events: WebhookEventType.array().parse(JSON.parse(row.events)),
  locationIds: JSON.parse(row.location_ids) as string[],
  allowPhi: Boolean(row.allow_phi),
  secretNonce: row.secret_nonce,
  createdAt: row.created_at,
  createdBy: row.created_by,
  rotatedAt: row.rotated_at ?? null,
  disabledAt: row.disabled_at ?? null,
});

const toEvent = (row: EventRow): WebhookEventRecord => ({
  id: row.id,
  type: WebhookEventType.parse(row.type),
  taskId: row.task_id,
  locationId: row.location_id,
  at: row.at,
  task: JSON.parse(row.task) as WebhookEventRecord['task'],
});

const toDelivery = (row: DeliveryRow): WebhookDeliveryRecord => ({
  id: row.id,
  webhookId: row.webhook_id,
  eventId: row.event_id,
  type: WebhookEventType.parse(row.type),
  taskId: row.task_id,
  payload: row.payload ?? null,
  createdAt: row.created_at,
  state: row.state,
  attempts: Number(row.attempts),
  lastAttemptAt: row.last_attempt_at ?? null,
  lastStatus: row.last_status === null ? null : Number(row.last_status),
  lastError: row.last_error ?? null,
  nextAttemptAt: row.next_attempt_at ?? null,
});

/** The outbox insert, on the write path's transaction (queries.ts). */
export async function insertWebhookEvent(sql: Sql, event: WebhookEventRecord): Promise<void> {
  await sql.run('INSERT INTO webhook_events (id, type, task_id, location_id, at, task) VALUES (?, ?, ?, ?, ?, ?)', [
    event.id,
    event.type,
    event.taskId,
    event.locationId,
    event.at,
    JSON.stringify(event.task),
  ]);
}

export function webhookStorage(db: Connections): WebhookStorage {
  const { read } = db;
  const t = db.dialect.byteOrder;
  const changed = (sql: string, params: unknown[]) => db.write(async (w) => (await w.run(sql, params)) === 1);
  return {
    insertWebhook: (webhook) =>
      db.write(async (w) => {
        await w.run(
          `INSERT INTO webhooks (id, name, url, events, location_ids, allow_phi, secret_nonce, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            webhook.id,
            webhook.name,
            webhook.url,
            JSON.stringify(webhook.events),
            JSON.stringify(webhook.locationIds),
            webhook.allowPhi,
            webhook.secretNonce,
            webhook.createdAt,
            webhook.createdBy,
          ],
        );
      }),
    getWebhook: async (id) => {
      const row = await read.get<WebhookRow>('SELECT * FROM webhooks WHERE id = ?', [id]);
      return row && toWebhook(row);
    },
    listWebhooks: async () => (await read.all<WebhookRow>(`SELECT * FROM webhooks ORDER BY created_at${t}, id`)).map(toWebhook),
    rotateWebhook: (id, secretNonce, at) =>
      changed('UPDATE webhooks SET secret_nonce = ?, rotated_at = ? WHERE id = ? AND disabled_at IS NULL', [secretNonce, at, id]),
    disableWebhook: (id, at) =>
      db.transaction(async (w) => {
        if ((await w.run('UPDATE webhooks SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL', [at, id])) !== 1) return false;
        await w.run(
          `UPDATE webhook_deliveries SET state = 'failed', payload = NULL, next_attempt_at = NULL, last_error = ?
           WHERE webhook_id = ? AND state = 'pending'`,
          ['The webhook was disabled', id],
        );
        return true;
      }),
    deleteWebhook: (id) =>
      db.transaction(async (w) => {
        await w.run('DELETE FROM webhook_deliveries WHERE webhook_id = ?', [id]);
        return (await w.run('DELETE FROM webhooks WHERE id = ?', [id])) === 1;
      }),
    pendingWebhookEvents: async (limit) =>
      (await read.all<EventRow>(`SELECT * FROM webhook_events ORDER BY at${t}, id LIMIT ?`, [limit])).map(toEvent),
    fanOutWebhookEvents: (fanned) =>
      db.transaction(async (w) => {
        for (const { eventId, deliveries } of fanned) {
          for (const d of deliveries) {
            await w.run(
              `INSERT INTO webhook_deliveries (id, webhook_id, event_id, type, task_id, payload, created_at, state, attempts, next_attempt_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
              [d.id, d.webhookId, d.eventId, d.type, d.taskId, d.payload, d.createdAt, d.state, d.attempts, d.nextAttemptAt],
            );
          }
          await w.run('DELETE FROM webhook_events WHERE id = ?', [eventId]);
        }
      }),
    claimWebhookDeliveries: async (now, leaseUntil, limit) => {
      const due = await read.all<DeliveryRow>(
        `SELECT * FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at${t} <= ?
         AND (lease_until IS NULL OR lease_until${t} <= ?) ORDER BY next_attempt_at${t}, id LIMIT ?`,
        [now, now, limit],
      );
      const claimed: WebhookDeliveryRecord[] = [];
      for (const row of due) {
        // Re-checked as it is set: of two instances that read the same row, one changes it.
        const won = await changed(
          `UPDATE webhook_deliveries SET lease_until = ? WHERE id = ? AND state = 'pending' AND attempts = ?
           AND (lease_until IS NULL OR lease_until${t} <= ?)`,
          [leaseUntil, row.id, row.attempts, now],
        );
        if (won) claimed.push(toDelivery(row));
      }
      return claimed;
    },
    recordDeliveryAttempt: (id, attempt) =>
      db.write(async (w) => {
        await w.run(
          `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = ?, last_status = ?, last_error = ?, state = ?,
           next_attempt_at = ?, lease_until = NULL, payload = CASE WHEN ? = 'pending' THEN payload ELSE NULL END
           WHERE id = ? AND state = 'pending'`,
          [attempt.at, attempt.status, attempt.error, attempt.state, attempt.nextAttemptAt, attempt.state, id],
        );
      }),
    nextWebhookDeliveryAt: async () =>
      (await read.get<{ at: string | null }>(`SELECT min(next_attempt_at${t}) AS at FROM webhook_deliveries WHERE state = 'pending'`))
        ?.at ?? undefined,
    listWebhookDeliveries: async (webhookId, limit) =>
      (
        await read.all<DeliveryRow>(`SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at${t} DESC, id DESC LIMIT ?`, [
          webhookId,
          limit,
        ])
      ).map(toDelivery),
  };
}
