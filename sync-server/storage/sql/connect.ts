// A connection of a tool's own (backup, restore, audit archive) to either database, for the shared queries.
import Database from 'better-sqlite3';
import pg from 'pg';
import { clientTransaction, postgresDialect, postgresSql } from './postgres-sql';
import type { Dialect, Sql } from './sql';
import { sqliteDialect, sqliteSql, sqliteTransaction } from './sqlite-sql';

/** A SQLite file (which must exist) or a PostgreSQL URL. */
export type DatabaseTarget = { file: string } | { url: string };

/**
 * Runs `fn` on a connection opened for it and closed after; with `transaction`, in one transaction
 * (committed when `fn` resolves). `name` tells the connection apart in PostgreSQL's activity view.
 */
export async function withConnection<T>(
  target: DatabaseTarget,
  name: string,
  fn: (sql: Sql, dialect: Dialect) => Promise<T>,
  options: { readonly?: boolean; transaction?: boolean; busyTimeoutMs?: number } = {},
): Promise<T> {
  if ('file' in target) {
    const db = new Database(target.file, { readonly: options.readonly ?? false, fileMustExist: true });
    const run = () => fn(sqliteSql(db), sqliteDialect);
    try {
      if (options.busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
      return await (options.transaction ? sqliteTransaction(db, run) : run());
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url, application_name: name });
  await client.connect();
  const run = () => fn(postgresSql(client), postgresDialect);
  try {
    return await (options.transaction ? clientTransaction(client, run) : run());
  } finally {
    await client.end();
  }
}
