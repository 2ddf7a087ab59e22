// Throwaway PostgreSQL databases for tests: one uniquely named database per caller, on the server
// named by BATON_TEST_PG_URL (default: the local Debian cluster over its unix socket).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const DEFAULT_TEST_PG_URL = 'postgresql://postgres@/postgres?host=/var/run/postgresql';

const HOW_TO_START =
  'Start the local test cluster with `BATON_TEST_PG=1 scripts/ensure-postgres.sh` (as root), ' +
  'or point BATON_TEST_PG_URL at a PostgreSQL server where the tests may create databases.';

export function testServerUrl(): string {
  return process.env.BATON_TEST_PG_URL || DEFAULT_TEST_PG_URL;
}

/** The same connection string with another database name (keeps user, host and query). */
function withDatabase(url: string, database: string): string {
  const match = /^(postgres(?:ql)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error(`not a postgresql:// URL: ${url}`);
  return `${match[1]}/${encodeURIComponent(database)}${match[2] ?? ''}`;
}

/** The database name of a connection string made by `freshPostgresUrl`. */
function databaseOf(url: string): string {
  const match = /^postgres(?:ql)?:\/\/[^/?]*\/([^?]*)/.exec(url);
  if (!match) throw new Error(`no database in ${url}`);
  return decodeURIComponent(match[1]);
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = testServerUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${url}: ${(error as Error).message}. ${HOW_TO_START}`, { cause: error });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database `baton_test_<random>` and returns its URL. Drop it with `dropPostgresDatabase`. */
export async function freshPostgresUrl(): Promise<string> {
  const name = `baton_test_${randomBytes(6).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  return withDatabase(testServerUrl(), name);
}

/** Drops a database made by `freshPostgresUrl`, closing any connection still open to it. */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const name = databaseOf(url);
  // Only ever drop what freshPostgresUrl made, whatever URL a caller hands in.
  if (!/^baton_test_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}: not a test database`);
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * Plays a database outage for one test database only (the cluster serves others): refuses new
 * connections and ends the open ones; `false` lets connections in again.
 */
export async function setPostgresDatabaseDown(url: string, down: boolean): Promise<void> {
  const name = databaseOf(url);
  if (!/^baton_test_[0-9a-f]+$/.test(name)) throw new Error(`refusing to cut off ${name}: not a test database`);
  await onServer(async (client) => {
    await client.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS ${down ? 'false' : 'true'}`);
    if (down)
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  });
}

/** Plain SQL on a test database, behind the server's back (several statements allowed, no parameters). */
export async function queryPostgres(url: string, statement: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}
