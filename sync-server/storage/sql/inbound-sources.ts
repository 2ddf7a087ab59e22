// Inbound fax and e-mail sources and their deliveries, written once for both adapters. A source's
// row holds the salt its secret is derived from, never the secret.
import { INBOUND_KINDS } from '../../../shared/intake/inbound-sources';
import type { InboundSourceRecord, Storage } from '../types';
import type { Connections } from './sql';

export type InboundSourceStorage = Pick<
  Storage,
  | 'insertInboundSource'
  | 'getInboundSource'
  | 'listInboundSources'
  | 'rotateInboundSource'
  | 'revokeInboundSource'
  | 'touchInboundSource'
  | 'claimInboundDelivery'
  | 'releaseInboundDelivery'
>;

interface InboundSourceRow {
  id: string;
  name: string;
  kind: string;
  location_id: string;
  type_id: string;
  secret_salt: string;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  rotated_at: string | null;
  revoked_at: string | null;
}

const kindOf = (kind: string) => INBOUND_KINDS.find((k) => k === kind) ?? 'email';

const toSource = (row: InboundSourceRow): InboundSourceRecord => ({
  id: row.id,
  name: row.name,
  kind: kindOf(row.kind),
  locationId: row.location_id,
  typeId: row.type_id,
  secretSalt: row.secret_salt,
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastUsedAt: row.last_used_at ?? null,
  rotatedAt: row.rotated_at ?? null,
  revokedAt: row.revoked_at ?? null,
});

export function inboundSourceStorage(db: Connections): InboundSourceStorage {
  const { read } = db;
  const t = db.dialect.byteOrder;
  const changed = (sql: string, params: unknown[]) => db.write(async (w) => (await w.run(sql, params)) === 1);
  return {
    insertInboundSource: async (s) => {
      await changed(
        'INSERT INTO inbound_sources (id, name, kind, location_id, type_id, secret_salt, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [s.id, s.name, s.kind, s.locationId, s.typeId, s.secretSalt, s.createdAt, s.createdBy],
      );
    },
    getInboundSource: async (id) => {
      const row = await read.get<InboundSourceRow>('SELECT * FROM inbound_sources WHERE id = ?', [id]);
      return row && toSource(row);
    },
    listInboundSources: async () =>
      (await read.all<InboundSourceRow>(`SELECT * FROM inbound_sources ORDER BY created_at${t}, id`)).map(toSource),
    rotateInboundSource: (id, salt, at) =>
      changed('UPDATE inbound_sources SET secret_salt = ?, rotated_at = ? WHERE id = ? AND revoked_at IS NULL', [salt, at, id]),
    revokeInboundSource: (id, at) => changed('UPDATE inbound_sources SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]),
    touchInboundSource: async (id, at) => {
      await changed('UPDATE inbound_sources SET last_used_at = ? WHERE id = ?', [at, id]);
    },
    claimInboundDelivery: async (sourceId, deliveryKey, taskId, at, staleBefore) => {
      // A claim older than `staleBefore` is taken over (the time moves on, so one taker wins a race).
      const claimed = await changed(
        `INSERT INTO inbound_deliveries (source_id, delivery_key, task_id, received_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (source_id, delivery_key) DO UPDATE SET received_at = excluded.received_at
         WHERE inbound_deliveries.received_at < ?`,
        [sourceId, deliveryKey, taskId, at, staleBefore],
      );
      if (claimed) return undefined;
      const first = await read.get<{ task_id: string }>('SELECT task_id FROM inbound_deliveries WHERE source_id = ? AND delivery_key = ?', [
        sourceId,
        deliveryKey,
      ]);
      return first?.task_id ?? taskId;
    },
    releaseInboundDelivery: async (sourceId, deliveryKey) => {
      await changed('DELETE FROM inbound_deliveries WHERE source_id = ? AND delivery_key = ?', [sourceId, deliveryKey]);
    },
  };
}
