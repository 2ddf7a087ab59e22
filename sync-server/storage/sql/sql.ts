// The shared storage layer's view of a database: three calls with one placeholder style (`?`), so
// the queries and row mapping in queries.ts and security.ts are written once for SQLite and
// PostgreSQL. Each adapter supplies an executor (sqlite-sql.ts, postgres-sql.ts) and a Dialect for
// the few statements that must differ.
import type { StoredDoc } from '../types';
import type { DocRow } from './rows';

/** One connection, pool or transaction. Boolean parameters are stored as the database keeps booleans. */
export interface Sql {
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  get<R>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
  /** Runs a statement that returns no rows; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** A statement without parameters that is not worth preparing (SAVEPOINT names, BEGIN). */
  exec(sql: string): Promise<void>;
}

/** What is written differently for each database. */
export interface Dialect {
  readonly kind: 'sqlite' | 'postgres';
  /** A JSON column as the driver returns it, as a value (SQLite: text; PostgreSQL: jsonb, already parsed). */
  json(value: unknown): unknown;
  /** Follows a text column compared with an ISO timestamp: byte order (PostgreSQL's collation is not). */
  readonly byteOrder: string;
  /** Follows a read in a write transaction that must lock the row (PostgreSQL; SQLite's writer is alone). */
  readonly forUpdate: string;
  /** The server sequence (its own table in each schema): read as `value`, taken (+1) as `value`, set to ?. */
  readonly currentSeq: string;
  readonly nextSeq: string;
  readonly setSeq: string;
  /**
   * A page of bucket operations joined with their documents (the pull's hot query, tuned per
   * database), `data` as JSON text (ChangedDoc).
   */
  changes(
    sql: Sql,
    collection: string,
    buckets: string[],
    afterSeq: number,
    limit: number,
  ): Promise<(DocRow & { op_seq: number | string })[]>;
  /** Records that `doc` changed at its seq in each of `buckets` (removed where it is no longer in one). */
  putOps(sql: Sql, doc: StoredDoc, buckets: string[]): Promise<void>;
}

/** How an adapter runs the shared queries: on which connection, and in which transactions. */
export interface Connections {
  readonly dialect: Dialect;
  /** Reads of committed data (SQLite: the read-only connection; PostgreSQL: the pool). */
  readonly read: Sql;
  /** Writes of one statement or a few independent ones (SQLite: the writer, in its queue; PostgreSQL: the pool). */
  write<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** One transaction: committed when `fn` resolves, rolled back when it throws. */
  transaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** A transaction of the write path: serialized with every other one, so commit order is seq order. */
  writeTransaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
}
