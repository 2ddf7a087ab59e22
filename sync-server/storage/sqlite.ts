// The embedded default: one SQLite file in WAL mode. Writes are serialized through one
// connection (and an async lock, since a write transaction may await between statements);
// reads use a second connection so they only ever see committed data. The queries themselves are
// shared with PostgreSQL (sql/queries.ts, sql/security.ts).
import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { migrateSqlite } from './migrator';
import { sharedStorage } from './sql/queries';
import { apiKeyStorage } from './sql/api-keys';
import { requestLinkStorage } from './sql/request-links';
import { inboundSourceStorage } from './sql/inbound-sources';
import { attachmentStorage } from './sql/attachments';
import { webhookStorage } from './sql/webhooks';
import { securityStorage } from './sql/security';
import type { Connections, Sql } from './sql/sql';
import { sqliteDialect, sqliteSql, sqliteTransaction } from './sql/sqlite-sql';
import type { ChangeNotice, Storage } from './types';

export interface SqliteOptions {
  /** Path of the database file. */
  file: string;
}

/** Opens the file, creating it and bringing it to this code's schema first (see migrator.ts). */
export async function openSqliteStorage(options: SqliteOptions): Promise<Storage> {
  // Statements are prepared (and kept) against the current schema, so it must exist first.
  await migrateSqlite(options.file);
  const writer = new Database(options.file);
  writer.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives a power cut, not only a crash of the process.
  writer.pragma('synchronous = FULL');
  writer.pragma('busy_timeout = 5000');
  const reader = new Database(options.file, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  const writeSql = sqliteSql(writer);

  const events = new EventEmitter();
  events.setMaxListeners(0);
  let lock: Promise<unknown> = Promise.resolve();

  /** Runs `fn` alone on the writer connection: transactions may await, so they queue. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = lock.then(fn, fn);
    lock = run.catch(() => undefined);
    return run;
  }

  const transaction = <T>(fn: (sql: Sql) => Promise<T>): Promise<T> => exclusive(() => sqliteTransaction(writer, () => fn(writeSql)));

  const db: Connections = {
    dialect: sqliteDialect,
    read: sqliteSql(reader),
    // Outside the queue, a statement on the writer could land inside another caller's open transaction.
    write: (fn) => exclusive(() => fn(writeSql)),
    transaction,
    // The one writer connection already serializes every transaction.
    writeTransaction: transaction,
  };

  return {
    kind: 'sqlite',
    ...sharedStorage(db),
    ...securityStorage(db),
    ...apiKeyStorage(db),
    ...requestLinkStorage(db),
    ...inboundSourceStorage(db),
    ...attachmentStorage(db),
    ...webhookStorage(db),
    migrate: async () => {
      await migrateSqlite(options.file);
    },
    publish: async (notice: ChangeNotice) => {
      events.emit('change', notice);
    },
    subscribe: (listener) => {
      events.on('change', listener);
      return () => events.off('change', listener);
    },
    close: async () => {
      await lock;
      reader.close();
      writer.close();
    },
  };
}
