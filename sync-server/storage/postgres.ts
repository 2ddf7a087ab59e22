// The multi-instance adapter: several stateless servers on one PostgreSQL database. Writes take a
// single-row counter lock first, so writers are serialized, commit order equals seq order, and a
// reader paging by seq never skips a write that commits later with a lower seq. Change notices fan
// out to every instance through LISTEN/NOTIFY.
import pg from 'pg';
import { appendToChain, UNKEYED_CHAIN, type AuditAppendRows, type AuditChain, type ChainPoint } from './audit-hash';
import { migratePostgres } from './migrator';
import { postgresSecurity, textParams } from './postgres-security';
import { postgresSignInLedger } from './postgres-sign-in';
import { RESYNC_NOTICE, type AuditRecord, type ChangeNotice, type ChangeRow, type Storage, type StoredDoc, type UserRecord, type WriteTx } from './types';

export const NOTIFY_CHANNEL = 'baton_changes';
interface DocRow {
  collection: string;
  id: string;
  seq: string;
  deleted: boolean;
  data: Record<string, unknown>;
  buckets: string[];
}
interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  roles: string[] | null;
  location_ids: string[];
  password_hash: string;
  password_temporary: boolean | null;
  active: boolean;
  created_at: string;
}
interface AuditRow {
  id: string;
  at: string;
  actor_id: string;
  workstation_id: string;
  action: string;
  collection: string;
  doc_id: string;
  before: unknown;
  after: unknown;
  reason: string;
}

// pg returns bigint as a string; seqs and audit ids stay far below 2^53.
const toDoc = (row: DocRow): StoredDoc => ({
  collection: row.collection,
  id: row.id,
  seq: Number(row.seq),
  deleted: row.deleted,
  data: row.data,
  buckets: row.buckets,
});

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roles: row.roles ?? [row.role],
  locationIds: row.location_ids,
  passwordHash: row.password_hash,
  passwordTemporary: row.password_temporary === true,
  active: row.active,
  createdAt: row.created_at,
});

/** jsonb parameters go over the wire as JSON text; `undefined` is stored as SQL NULL. */
const jsonParam = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

const isNotice = (value: unknown): value is ChangeNotice => {
  const v = value as ChangeNotice | null;
  return !!v && typeof v.collection === 'string' && typeof v.seq === 'number' && Array.isArray(v.buckets);
};

export interface PostgresOptions {
  connectionString: string;
  /** Connections for reads and write transactions (default 10); LISTEN uses one more. */
  poolSize?: number;
}

export async function openPostgresStorage(options: PostgresOptions): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, application_name: 'baton-sync' });
  // An idle client dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', (error) => console.error('baton postgres pool:', error.message));

  const listeners = new Set<(notice: ChangeNotice) => void>();
  const notices = new ChangeListener(options.connectionString, (notice) => {
    for (const listener of listeners) {
      try {
        listener(notice);
      } catch (error) {
        console.error('baton change listener failed:', error);
      }
    }
  });
  try {
    await notices.start();
  } catch (error) {
    await notices.stop().catch(() => undefined);
    await pool.end();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> =>
    (await pool.query<R>(sql, textParams(params))).rows;

  let chain: AuditChain = UNKEYED_CHAIN;

  /** `appended` receives the newest entry the transaction appends, for the chain once it commits. */
  function transaction(client: pg.PoolClient, appended: { head?: ChainPoint }): WriteTx {
    let savepoints = 0;
    const q = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> =>
      (await client.query<R>(sql, textParams(params))).rows;
    const auditRows: AuditAppendRows = {
      // The counter lock taken at BEGIN serializes appenders, so the last row is the chain's head.
      lastHash: async () => (await q<{ hash: string }>('SELECT hash FROM audit ORDER BY id DESC LIMIT 1'))[0]?.hash,
      insert: async (row) => {
        const [inserted] = await q<{ id: string }>(
          `INSERT INTO audit (at, actor_id, workstation_id, action, collection, doc_id, before, after, reason, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            row.at, row.actorId, row.workstationId, row.action, row.collection, row.docId,
            jsonParam(row.before ?? undefined), jsonParam(row.after ?? undefined), row.reason, row.prevHash, row.hash,
          ],
        );
        return Number(inserted.id);
      },
    };
    return {
      getDoc: async (collection, id) => {
        const [row] = await q<DocRow>('SELECT * FROM docs WHERE collection = $1 AND id = $2 FOR UPDATE', [collection, id]);
        return row ? toDoc(row) : undefined;
      },
      nextSeq: async () => {
        const [row] = await q<{ seq: string }>('UPDATE seq_counter SET seq = seq + 1 RETURNING seq');
        return Number(row.seq);
      },
      putDoc: async (doc, previousBuckets, writer) => {
        if (writer !== undefined) {
          await q(
            `INSERT INTO doc_writers (collection, doc_id, seq, writer) VALUES ($1, $2, $3, $4)
             ON CONFLICT (collection, doc_id, seq) DO UPDATE SET writer = excluded.writer`,
            [doc.collection, doc.id, doc.seq, writer],
          );
        }
        await q(
          `INSERT INTO docs (collection, id, seq, deleted, data, buckets) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (collection, id) DO UPDATE
           SET seq = excluded.seq, deleted = excluded.deleted, data = excluded.data, buckets = excluded.buckets`,
          [doc.collection, doc.id, doc.seq, doc.deleted, JSON.stringify(doc.data), JSON.stringify(doc.buckets)],
        );
        const buckets = [...new Set([...previousBuckets, ...doc.buckets])];
        if (buckets.length === 0) return;
        // One statement for all buckets of the document: the bucket list is short but not fixed.
        await q(
          `INSERT INTO bucket_ops (bucket, collection, doc_id, seq, removed)
           SELECT b.bucket, $2, $3, $4, b.removed FROM unnest($1::text[], $5::boolean[]) AS b(bucket, removed)
           ON CONFLICT (bucket, collection, doc_id) DO UPDATE SET seq = excluded.seq, removed = excluded.removed`,
          [buckets, doc.collection, doc.id, doc.seq, buckets.map((b) => !doc.buckets.includes(b))],
        );
      },
      writersAfter: async (collection, id, afterSeq) => {
        const rows = await q<{ seq: string; writer: string }>(
          'SELECT seq, writer FROM doc_writers WHERE collection = $1 AND doc_id = $2 AND seq > $3 ORDER BY seq',
          [collection, id, afterSeq],
        );
        return new Map(rows.map((r) => [Number(r.seq), r.writer]));
      },
      appendAudit: async (entry) => {
        appended.head = await appendToChain(auditRows, entry, chain.key);
      },
      claimOnce: async (key, at) => (await q('INSERT INTO once_keys (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key', [key, at])).length === 1,
      savepoint: async (fn) => {
        const name = `sp${++savepoints}`;
        await client.query(`SAVEPOINT ${name}`);
        try {
          const result = await fn();
          await client.query(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (error) {
          await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
          await client.query(`RELEASE SAVEPOINT ${name}`);
          throw error;
        }
      },
    };
  }

  return {
    kind: 'postgres',
    ...postgresSecurity(pool),
    signInLedger: postgresSignInLedger(pool),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    // On a connection of its own, under the migrator's advisory lock (see migrator.ts).
    migrate: async () => {
      await migratePostgres(options.connectionString);
    },
    write: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        // Every writer takes the counter row first, before any document lock. Writers that
        // allocate a seq are serialized until commit anyway; taking the lock up front (rather
        // than at the first nextSeq) keeps a transaction from holding a document lock while it
        // waits for the counter, which deadlocks against one that holds the counter and waits
        // for that document.
        await client.query('SELECT seq FROM seq_counter FOR UPDATE');
        const appended: { head?: ChainPoint } = {};
        const result = await fn(transaction(client, appended));
        await client.query('COMMIT');
        if (appended.head) chain.committed(appended.head);
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error; // the connection is unusable: do not return it to the pool
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    changesSince: async (collection, buckets, afterSeq, limit): Promise<ChangeRow[]> => {
      // Distinct (seq, doc) first, so a document in several of the reader's buckets counts once
      // towards the limit, then the current documents.
      const rows = await query<DocRow & { op_seq: string }>(
        `SELECT o.seq AS op_seq, d.* FROM (
           SELECT DISTINCT seq, doc_id FROM bucket_ops
           WHERE collection = $1 AND bucket = ANY($2::text[]) AND seq > $3
           ORDER BY seq, doc_id LIMIT $4) o
         JOIN docs d ON d.collection = $1 AND d.id = o.doc_id
         ORDER BY o.seq, o.doc_id`,
        [collection, buckets, afterSeq, limit],
      );
      return rows.map((row) => ({ seq: Number(row.op_seq), doc: toDoc(row) }));
    },
    getDoc: async (collection, id) => {
      const [row] = await query<DocRow>('SELECT * FROM docs WHERE collection = $1 AND id = $2', [collection, id]);
      return row ? toDoc(row) : undefined;
    },
    listDocs: async (collection) =>
      (await query<DocRow>('SELECT * FROM docs WHERE collection = $1 AND NOT deleted ORDER BY id', [collection])).map(toDoc),
    docsChangedAfter: async (collection, afterSeq, limit) =>
      (limit === undefined
        ? await query<DocRow>('SELECT * FROM docs WHERE collection = $1 AND seq > $2 ORDER BY seq', [collection, afterSeq])
        : await query<DocRow>('SELECT * FROM docs WHERE collection = $1 AND seq > $2 ORDER BY seq LIMIT $3', [collection, afterSeq, limit])
      ).map(toDoc),
    countDocs: async (collection) => {
      const [row] = await query<{ n: string }>('SELECT count(*) AS n FROM docs WHERE collection = $1', [collection]);
      return Number(row.n);
    },
    currentSeq: async () => {
      const [row] = await query<{ seq: string }>('SELECT seq FROM seq_counter');
      return row ? Number(row.seq) : 0;
    },
    findUserByUsername: async (username) => {
      // Case-insensitive like the SQLite adapter (COLLATE NOCASE): "Alice" signs in as alice.
      const [row] = await query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [username]);
      return row ? toUser(row) : undefined;
    },
    getUser: async (id) => {
      const [row] = await query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
      return row ? toUser(row) : undefined;
    },
    listUsers: async () => (await query<UserRow>('SELECT * FROM users ORDER BY display_name, id')).map(toUser),
    insertUser: async (user) => {
      await query(
        `INSERT INTO users (id, username, display_name, role, roles, location_ids, password_hash, password_temporary, active, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [user.id, user.username, user.displayName, user.roles[0], JSON.stringify(user.roles), JSON.stringify(user.locationIds), user.passwordHash, user.passwordTemporary, user.active, user.createdAt],
      );
    },
    setUserAccess: async (id, { roles, locationIds }) =>
      (await pool.query('UPDATE users SET role = $1, roles = $2, location_ids = $3 WHERE id = $4', [roles[0], JSON.stringify(roles), JSON.stringify(locationIds), id])).rowCount === 1,
    countUsers: async () => {
      const [row] = await query<{ n: string }>('SELECT count(*) AS n FROM users');
      return Number(row.n);
    },
    getSetting: async (key) => {
      const [row] = await query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
      return row?.value;
    },
    setSetting: async (key, value) => {
      await query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    },
    deleteSetting: async (key) => {
      await query('DELETE FROM settings WHERE key = $1', [key]);
    },
    claimSetting: async (key, value) => {
      await query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
      const [row] = await query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
      return row.value;
    },
    useAuditChain: (next) => {
      chain = next;
    },
    auditHead: async () => {
      const [row] = await query<{ id: string; hash: string }>('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
      return row ? { id: Number(row.id), hash: row.hash } : undefined;
    },
    listAudit: async (afterId, limit) => {
      const rows = await query<AuditRow>('SELECT * FROM audit WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit]);
      return rows.map((row): AuditRecord & { id: number } => ({
        id: Number(row.id),
        at: row.at,
        actorId: row.actor_id,
        workstationId: row.workstation_id,
        action: row.action,
        collection: row.collection,
        docId: row.doc_id,
        before: row.before,
        after: row.after,
        reason: row.reason,
      }));
    },
    // No local delivery: this instance hears its own NOTIFY like every other, so exactly once.
    publish: async (notice) => {
      await query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, JSON.stringify(notice)]);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Idempotent: the server's shutdown path and a test's cleanup may both close.
    close: () =>
      (closing ??= (async () => {
        listeners.clear();
        await notices.stop();
        await pool.end();
      })()),
  };
}

/** One dedicated connection that LISTENs; reconnects after the server drops it. */
class ChangeListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly deliver: (notice: ChangeNotice) => void,
  ) {}

  /** Whether a LISTEN connection was ever up: the next one is a reconnect. */
  private listenedBefore = false;

  async start(): Promise<void> {
    // Named with the process id, so an operator (or a test) can tell each instance's listener apart.
    const client = new pg.Client({ connectionString: this.connectionString, application_name: `baton-listen-${process.pid}` });
    client.on('notification', (message) => {
      if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
      let notice: unknown;
      try {
        notice = JSON.parse(message.payload);
      } catch {
        return;
      }
      if (isNotice(notice)) this.deliver(notice);
    });
    // Errors also end the connection; 'end' handles both.
    client.on('error', (error) => console.error('baton postgres listener:', error.message));
    client.on('end', () => {
      if (this.client === client) this.client = undefined;
      this.reconnectLater();
    });
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.client = client;
    // Notices sent while no connection listened are lost: every reader pulls instead.
    if (this.listenedBefore) this.deliver({ collection: RESYNC_NOTICE, seq: 0, buckets: [] });
    this.listenedBefore = true;
  }

  /** Tries again every second until a connection listens (then start() makes every reader pull). */
  private reconnectLater(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.stopped) return;
      this.start().catch((error: Error) => {
        console.error('baton postgres listener reconnect failed:', error.message);
        this.reconnectLater();
      });
    }, 1_000);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end();
  }
}
