// The queries of the replication core, users, settings and the audit log, written once for both
// adapters: each adapter only says how to reach its database (Connections) and what its dialect
// writes differently. Security storage (sessions, workstations) is in security.ts.
import { appendToChain, UNKEYED_CHAIN, type AuditAppendRows, type AuditChain, type ChainPoint } from '../audit-hash';
import type { AuditRecord, Storage, WriteTx } from '../types';
import { toChangedDoc, toDoc, toUser, type DocRow, type UserRow } from './rows';
import type { SecurityStorage } from './security';
import type { ApiKeyStorage } from './api-keys';
import type { RequestLinkStorage } from './request-links';
import type { InboundSourceStorage } from './inbound-sources';
import { insertAttachmentRow, type AttachmentStorage } from './attachments';

import { insertWebhookEvent, type WebhookStorage } from './webhooks';
import type { Connections, Dialect, Sql } from './sql';

/** Everything but the security part (security.ts), API keys (api-keys.ts), attachments (attachments.ts), request links (request-links.ts), webhooks (webhooks.ts) and what each adapter does its own way. */
export type SharedStorage = Omit<
  Storage,
  | 'kind'
  | 'migrate'
  | 'signInLedger'
  | 'poolStats'
  | 'publish'
  | 'subscribe'
  | 'close'
  | keyof SecurityStorage
  | keyof ApiKeyStorage
  | keyof RequestLinkStorage
  | keyof InboundSourceStorage
  | keyof AttachmentStorage
  | keyof WebhookStorage
>;

const DOC = 'SELECT * FROM docs WHERE collection = ? AND id = ?';
const SETTING = 'SELECT value FROM settings WHERE key = ?';

/** A setting's value on any connection (also used by backup and restore on their own connections). */
export const readSetting = async (sql: Sql, key: string): Promise<string | undefined> =>
  (await sql.get<{ value: string }>(SETTING, [key]))?.value;

export const putSetting = (sql: Sql, key: string, value: string): Promise<number> =>
  sql.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);

/** The highest committed seq (0 when the counter is missing); with the dialect's row lock when `lock`. */
export const readSeq = async (sql: Sql, dialect: Dialect, lock = false): Promise<number> =>
  Number((await sql.get<{ value: number | string }>(dialect.currentSeq + (lock ? dialect.forUpdate : '')))?.value ?? 0);

/** The newest audit entry's id and hash (undefined when the log is empty). */
export const readAuditHead = async (sql: Sql): Promise<ChainPoint | undefined> => {
  const row = await sql.get<{ id: number | string; hash: string }>('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
  return row && { id: Number(row.id), hash: row.hash };
};

/** The audit append's two statements, on the write transaction's connection. */
function auditRows(sql: Sql): AuditAppendRows {
  return {
    // The write transaction is serialized with every other (see Connections), so the last row is the chain's head.
    lastHash: async () => (await readAuditHead(sql))?.hash,
    insert: async (row) => {
      const inserted = await sql.get<{ id: number | string }>(
        `INSERT INTO audit (at, actor_id, workstation_id, action, collection, doc_id, before, after, reason, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          row.at,
          row.actorId,
          row.workstationId,
          row.action,
          row.collection,
          row.docId,
          row.before === null ? null : JSON.stringify(row.before),
          row.after === null ? null : JSON.stringify(row.after),
          row.reason,
          row.prevHash,
          row.hash,
        ],
      );
      return Number(inserted!.id);
    },
  };
}

/** The write path's statements inside one transaction; `appended` receives the newest audit entry. */
function writeTx(sql: Sql, dialect: Dialect, key: Buffer | undefined, appended: (head: ChainPoint) => void): WriteTx {
  let savepoints = 0;
  return {
    getDoc: async (collection, id) => {
      const row = await sql.get<DocRow>(DOC + dialect.forUpdate, [collection, id]);
      return row && toDoc(row, dialect.json);
    },
    nextSeq: async () => Number((await sql.get<{ value: number | string }>(dialect.nextSeq))!.value),
    putDoc: async (doc, previousBuckets, writer) => {
      if (writer !== undefined) {
        await sql.run(
          `INSERT INTO doc_writers (collection, doc_id, seq, writer) VALUES (?, ?, ?, ?)
           ON CONFLICT (collection, doc_id, seq) DO UPDATE SET writer = excluded.writer`,
          [doc.collection, doc.id, doc.seq, writer],
        );
      }
      await sql.run(
        `INSERT INTO docs (collection, id, seq, deleted, data, buckets) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (collection, id) DO UPDATE SET seq = excluded.seq, deleted = excluded.deleted, data = excluded.data, buckets = excluded.buckets`,
        [doc.collection, doc.id, doc.seq, doc.deleted, JSON.stringify(doc.data), JSON.stringify(doc.buckets)],
      );
      const buckets = [...new Set([...previousBuckets, ...doc.buckets])];
      if (buckets.length > 0) await dialect.putOps(sql, doc, buckets);
    },
    writersAfter: async (collection, id, afterSeq) => {
      const rows = await sql.all<{ seq: number | string; writer: string }>(
        'SELECT seq, writer FROM doc_writers WHERE collection = ? AND doc_id = ? AND seq > ? ORDER BY seq',
        [collection, id, afterSeq],
      );
      return new Map(rows.map((r) => [Number(r.seq), r.writer]));
    },
    appendAudit: async (entry: AuditRecord) => {
      appended(await appendToChain(auditRows(sql), entry, key));
    },
    enqueueWebhookEvent: (event) => insertWebhookEvent(sql, event),
    claimOnce: async (key, at) =>
      (await sql.run('INSERT INTO once_keys (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, at])) === 1,
    // substr, not a key range or LIKE: a range under PostgreSQL's locale collation can miss keys.
    forgetClaims: async (prefix, before) =>
      sql.run('DELETE FROM once_keys WHERE substr(key, 1, ?) = ? AND at < ?', [prefix.length, prefix, before]),
    insertAttachment: (record) => insertAttachmentRow(sql, record),
    savepoint: async (fn) => {
      const name = `sp${++savepoints}`;
      await sql.exec(`SAVEPOINT ${name}`);
      try {
        const result = await fn();
        await sql.exec(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await sql.exec(`ROLLBACK TO SAVEPOINT ${name}`);
        await sql.exec(`RELEASE SAVEPOINT ${name}`);
        throw error;
      }
    },
  };
}

export function sharedStorage(db: Connections): SharedStorage {
  const { dialect, read } = db;
  const json = dialect.json;
  let chain: AuditChain = UNKEYED_CHAIN;
  const docs = async (sql: string, params: unknown[]) => (await read.all<DocRow>(sql, params)).map((row) => toDoc(row, json));
  const user = async (sql: string, param: string) => {
    const row = await read.get<UserRow>(sql, [param]);
    return row && toUser(row, json);
  };

  return {
    write: async (fn) => {
      let head: ChainPoint | undefined;
      const result = await db.writeTransaction((sql) => fn(writeTx(sql, dialect, chain.key, (point) => (head = point))));
      // Reported once committed; the chain never moves its recorded head back (secrets/audit-head.ts).
      if (head) chain.committed(head);
      return result;
    },
    changesSince: async (collection, buckets, afterSeq, limit) =>
      (await dialect.changes(read, collection, buckets, afterSeq, limit)).map((row) => ({
        seq: Number(row.op_seq),
        doc: toChangedDoc(row, json),
      })),
    getDoc: async (collection, id) => {
      const row = await read.get<DocRow>(DOC, [collection, id]);
      return row && toDoc(row, json);
    },
    countDocs: async (collection) =>
      Number((await read.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM docs WHERE collection = ?', [collection]))!.n),
    listDocs: (collection) => docs('SELECT * FROM docs WHERE collection = ? AND NOT deleted ORDER BY id', [collection]),
    docsChangedAfter: (collection, afterSeq, limit) =>
      limit === undefined
        ? docs('SELECT * FROM docs WHERE collection = ? AND seq > ? ORDER BY seq', [collection, afterSeq])
        : docs('SELECT * FROM docs WHERE collection = ? AND seq > ? ORDER BY seq LIMIT ?', [collection, afterSeq, limit]),
    currentSeq: () => readSeq(read, dialect),
    // Case-insensitive (ASCII in SQLite, as its NOCASE column; PostgreSQL has an index on lower(username)).
    findUserByUsername: (username) => user('SELECT * FROM users WHERE lower(username) = lower(?)', username),
    getUser: (id) => user('SELECT * FROM users WHERE id = ?', id),
    listUsers: async () => (await read.all<UserRow>('SELECT * FROM users ORDER BY display_name, id')).map((row) => toUser(row, json)),
    insertUser: (u) =>
      db.write(async (sql) => {
        await sql.run(
          `INSERT INTO users (id, username, display_name, role, roles, location_ids, password_hash, password_temporary, active, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            u.id,
            u.username,
            u.displayName,
            u.roles[0],
            JSON.stringify(u.roles),
            JSON.stringify(u.locationIds),
            u.passwordHash,
            u.passwordTemporary,
            u.active,
            u.createdAt,
          ],
        );
      }),
    setUserAccess: (id, { roles, locationIds }) =>
      db.write(
        async (sql) =>
          (await sql.run('UPDATE users SET role = ?, roles = ?, location_ids = ? WHERE id = ?', [
            roles[0],
            JSON.stringify(roles),
            JSON.stringify(locationIds),
            id,
          ])) === 1,
      ),
    countUsers: async () => Number((await read.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM users'))!.n),
    getSetting: (key) => readSetting(read, key),
    setSetting: (key, value) =>
      db.write(async (sql) => {
        await putSetting(sql, key, value);
      }),
    deleteSetting: (key) =>
      db.write(async (sql) => {
        await sql.run('DELETE FROM settings WHERE key = ?', [key]);
      }),
    claimSetting: (key, value) =>
      db.write(async (sql) => {
        await sql.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, value]);
        return (await readSetting(sql, key))!;
      }),
    useAuditChain: (next) => {
      chain = next;
    },
    auditHead: () => readAuditHead(read),
  };
}
