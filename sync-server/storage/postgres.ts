// The multi-instance adapter: several stateless servers on one PostgreSQL database. Writes take a
// single-row counter lock first, so writers are serialized, commit order equals seq order, and a
// reader paging by seq never skips a write that commits later with a lower seq. Change notices fan
// out to every instance through LISTEN/NOTIFY. The queries themselves are shared with SQLite
// (sql/queries.ts, sql/security.ts).
import pg from 'pg';
import { migratePostgres } from './migrator';
import { postgresSignInLedger } from './postgres-sign-in';
import { poolTransaction, postgresDialect, postgresSql } from './sql/postgres-sql';
import { sharedStorage } from './sql/queries';
import { apiKeyStorage } from './sql/api-keys';
import { requestLinkStorage } from './sql/request-links';
import { inboundSourceStorage } from './sql/inbound-sources';
import { attachmentStorage } from './sql/attachments';
import { webhookStorage } from './sql/webhooks';
import { securityStorage } from './sql/security';
import type { Connections, Sql } from './sql/sql';
import { RESYNC_NOTICE, type ChangeNotice, type Storage } from './types';

const NOTIFY_CHANNEL = 'baton_changes';

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
  const poolSql = postgresSql(pool);

  /** One transaction on a client of its own; `lockWriters`: the write path's counter lock first. */
  const transaction = <T>(fn: (sql: Sql) => Promise<T>, lockWriters = false): Promise<T> =>
    poolTransaction(pool, async (client) => {
      // Every writer takes the counter row first, before any document lock. Writers that
      // allocate a seq are serialized until commit anyway; taking the lock up front (rather
      // than at the first nextSeq) keeps a transaction from holding a document lock while it
      // waits for the counter, which deadlocks against one that holds the counter and waits
      // for that document.
      if (lockWriters) await client.query('SELECT seq FROM seq_counter FOR UPDATE');
      return fn(postgresSql(client));
    });

  const db: Connections = {
    dialect: postgresDialect,
    read: poolSql,
    write: (fn) => fn(poolSql),
    transaction: (fn) => transaction(fn),
    writeTransaction: (fn) => transaction(fn, true),
  };

  return {
    kind: 'postgres',
    ...sharedStorage(db),
    ...securityStorage(db),
    ...apiKeyStorage(db),
    ...requestLinkStorage(db),
    ...inboundSourceStorage(db),
    ...attachmentStorage(db),
    ...webhookStorage(db),
    signInLedger: postgresSignInLedger(pool),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    // On a connection of its own, under the migrator's advisory lock (see migrator.ts).
    migrate: async () => {
      await migratePostgres(options.connectionString);
    },
    // No local delivery: this instance hears its own NOTIFY like every other, so exactly once.
    publish: async (notice) => {
      await poolSql.run('SELECT pg_notify(?, ?)', [NOTIFY_CHANNEL, JSON.stringify(notice)]);
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
