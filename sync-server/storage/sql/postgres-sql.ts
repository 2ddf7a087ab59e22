// PostgreSQL's side of the shared layer: an executor over a pool or one client (`?` placeholders
// become $1..$n), and PostgreSQL's dialect.
import type pg from 'pg';
import { storableText } from '../audit-hash';
import type { Dialect, Sql } from './sql';

/**
 * PostgreSQL refuses NUL in text (a lookup by a NUL-bearing name would fail with a 500): it
 * becomes U+FFFD, as lone surrogates already do on the way to UTF-8. jsonb parameters are JSON
 * text, where NUL is an escape, not a NUL byte.
 */
const textParams = (params: readonly unknown[]): unknown[] => params.map((p) => (typeof p === 'string' ? storableText(p) : p));

/** `?` → `$n`, once per statement text (the shared SQL has no `?` inside literals). */
const numbered = new Map<string, string>();
function dollars(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    let n = 0;
    numbered.set(sql, (text = sql.replace(/\?/g, () => `$${++n}`)));
  }
  return text;
}

export function postgresSql(db: pg.Pool | pg.PoolClient | pg.Client): Sql {
  const query = <R extends pg.QueryResultRow>(sql: string, params: readonly unknown[]) => db.query<R>(dollars(sql), textParams(params));
  return {
    all: async <R>(sql: string, params: readonly unknown[] = []) => (await query(sql, params)).rows as R[],
    get: async <R>(sql: string, params: readonly unknown[] = []) => (await query(sql, params)).rows[0] as R | undefined,
    run: async (sql, params = []) => (await query(sql, params)).rowCount ?? 0,
    exec: async (sql) => {
      await db.query(sql);
    },
  };
}

/**
 * One transaction on a client of the pool: committed when `fn` resolves, rolled back when it
 * throws. A client whose ROLLBACK failed is unusable and is not returned to the pool.
 */
export async function poolTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await clientTransaction(
      client,
      () => fn(client),
      (error) => (broken = error),
    );
  } finally {
    client.release(broken);
  }
}

/** BEGIN, `fn`, COMMIT on one client; ROLLBACK when `fn` throws (`onBroken` hears a ROLLBACK that failed). */
export async function clientTransaction<T>(client: pg.ClientBase, fn: () => Promise<T>, onBroken?: (error: Error) => void): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => onBroken?.(rollbackError));
    throw error;
  }
}

// Text timestamps compare as ISO strings, as in SQLite; COLLATE "C" keeps that byte order.
export const postgresDialect: Dialect = {
  kind: 'postgres',
  json: (value) => value,
  byteOrder: ' COLLATE "C"',
  forUpdate: ' FOR UPDATE',
  currentSeq: 'SELECT seq AS value FROM seq_counter',
  nextSeq: 'UPDATE seq_counter SET seq = seq + 1 RETURNING seq AS value',
  setSeq: 'UPDATE seq_counter SET seq = ?',
  // Distinct (seq, doc) first, so a document in several of the reader's buckets counts once
  // towards the limit, then the current documents; their data as jsonb's text, which the pull
  // sends on without parsing it.
  changes: (sql, collection, buckets, afterSeq, limit) =>
    sql.all(
      `SELECT o.seq AS op_seq, d.collection, d.id, d.seq, d.deleted, d.data::text AS data, d.buckets FROM (
         SELECT DISTINCT seq, doc_id FROM bucket_ops
         WHERE collection = ? AND bucket = ANY(?::text[]) AND seq > ?
         ORDER BY seq, doc_id LIMIT ?) o
       JOIN docs d ON d.collection = ? AND d.id = o.doc_id
       ORDER BY o.seq, o.doc_id`,
      [collection, buckets, afterSeq, limit, collection],
    ),
  // One statement for all buckets of the document: a round trip each would cost more than the insert.
  putOps: async (sql, doc, buckets) => {
    await sql.run(
      `INSERT INTO bucket_ops (bucket, collection, doc_id, seq, removed)
       SELECT b.bucket, ?, ?, ?, b.removed FROM unnest(?::text[], ?::boolean[]) AS b(bucket, removed)
       ON CONFLICT (bucket, collection, doc_id) DO UPDATE SET seq = excluded.seq, removed = excluded.removed`,
      [doc.collection, doc.id, doc.seq, buckets, buckets.map((b) => !doc.buckets.includes(b))],
    );
  },
};
