// A connection of a tool's own (backup, restore) to either database, for the shared queries.
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresDialect, postgresSql } from './postgres-sql';
import type { Dialect, Sql } from './sql';
import { sqliteDialect, sqliteSql } from './sqlite-sql';

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
  options: { readonly?: boolean; transaction?: boolean } = {},
): Promise<T> {
  if ('file' in target) {
    const db = new Database(target.file, { readonly: options.readonly ?? false, fileMustExist: true });
    try {
      if (!options.transaction) return await fn(sqliteSql(db), sqliteDialect);
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(sqliteSql(db), sqliteDialect);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url, application_name: name });
  await client.connect();
  try {
    if (!options.transaction) return await fn(postgresSql(client), postgresDialect);
    await client.query('BEGIN');
    try {
      const result = await fn(postgresSql(client), postgresDialect);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end();
  }
}
