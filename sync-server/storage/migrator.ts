// Runs the numbered migrations (migrations/index.ts) with Kysely's Migrator on either database:
// all pending ones in one transaction, under a lock (PostgreSQL: Kysely's advisory lock, so two
// servers starting together migrate once; SQLite: BEGIN IMMEDIATE, plus a queue per file inside
// this process), after refusing a database a newer release has upgraded.
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Migration,
} from 'kysely';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS, migrationKey } from './migrations/index';
import type { BatonMigration, MigrationContext } from './migrations/types';

const MIGRATION_TABLE = 'baton_migrations';
/** Releases before numbered migrations recorded their version here; still kept for them to read. */
export const LEGACY_VERSION_KEY = 'schema_version';

export interface MigrationOutcome {
  /** The schema version before (0: an empty database or one from before numbered migrations). */
  from: number;
  to: number;
  /** The migrations run now, by their recorded name. */
  applied: string[];
}

/** The database holds a schema this code does not know: the server must not touch it. */
export class SchemaTooNewError extends Error {}

const tooNew = (stored: number | string, latest: number) =>
  new SchemaTooNewError(
    `The database holds schema version ${stored}, newer than this server's ${latest}: run the release that upgraded it, or a newer one.`,
  );

const versionOf = (name: string): number => Number.parseInt(name, 10);

/** What the database says it holds: the migrations it ran, and the version older releases recorded. */
async function storedState(db: Kysely<unknown>, kind: MigrationContext['kind']): Promise<{ applied: string[]; legacy: number }> {
  const exists = async (table: string) =>
    kind === 'sqlite'
      ? (await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db)).rows[0].n >
        0
      : (await sql<{ t: string | null }>`SELECT to_regclass(${table})::text AS t`.execute(db)).rows[0].t !== null;
  const applied = (await exists(MIGRATION_TABLE))
    ? (await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)}`.execute(db)).rows.map((r) => r.name)
    : [];
  const legacy = (await exists('settings'))
    ? Number((await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${LEGACY_VERSION_KEY}`.execute(db)).rows[0]?.value ?? 0)
    : 0;
  return { applied, legacy };
}

/** The schema version a database holds: its last migration's, or what an older release recorded. */
function storedVersion(state: { applied: string[]; legacy: number }): number {
  return Math.max(state.legacy, 0, ...state.applied.map(versionOf));
}

/** The schema's migrations; tests pass their own list. */
export interface MigrateOptions {
  migrations?: readonly BatonMigration[];
}

/** `sqliteExec` runs a script on the SQLite connection that holds the migration's transaction. */
async function migrate(
  db: Kysely<unknown>,
  kind: MigrationContext['kind'],
  { migrations: list = MIGRATIONS }: MigrateOptions,
  sqliteExec?: (script: string) => void,
): Promise<MigrationOutcome> {
  const latest = list[list.length - 1].version;
  const before = await storedState(db, kind);
  const known = new Set(list.map(migrationKey));
  const unknown = before.applied.find((name) => !known.has(name));
  if (unknown !== undefined || storedVersion(before) > latest) throw tooNew(storedVersion(before), latest);
  const migrations = Object.fromEntries(
    list.map((m): [string, Migration] => [
      migrationKey(m),
      {
        up: (trx) =>
          m.up({
            kind,
            db: trx,
            // Kysely's SQLite driver prepares one statement at a time; PostgreSQL takes a script.
            exec: async (script) => (sqliteExec ? sqliteExec(script) : void (await sql.raw(script).execute(trx))),
            rows: async <R>(statement: string) => (await sql.raw<R>(statement).execute(trx)).rows,
          }),
      },
    ]),
  );
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: `${MIGRATION_TABLE}_lock`,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName;
    // Kysely fails with an Error; anything else is shown as it was thrown.
    const reason = error instanceof Error ? error.message : JSON.stringify(error);
    if (/corrupted migrations/.test(reason)) throw tooNew('unknown to this release', latest);
    // One transaction for the run: the database is still at the version it had.
    const what = failed ? `Schema migration ${failed} failed` : 'Schema migration failed';
    throw new Error(`${what}; the database stays at version ${storedVersion(before)}: ${reason}`, {
      cause: error,
    });
  }
  // Releases from before numbered migrations read only this: they refuse a database past theirs.
  if (before.legacy !== latest) {
    await sql`INSERT INTO settings (key, value) VALUES (${LEGACY_VERSION_KEY}, ${String(latest)})
              ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(db);
  }
  const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { from: Math.max(0, ...before.applied.map(versionOf)), to: latest, applied };
}

/** SQLite can run DDL in a transaction; Kysely's SQLite adapter does not use one by default. */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
/** IMMEDIATE takes the write lock at BEGIN: another process's migration waits for it. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
}
class MigratingSqliteDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database) {
    super({ database });
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.database });
  }
  override createAdapter() {
    return new TransactionalSqliteAdapter();
  }
}

/**
 * Two storages of one file in this process would block each other: better-sqlite3 waits for a
 * lock synchronously, so the holder could never finish. Their migrations queue here instead.
 */
const sqliteQueues = new Map<string, Promise<unknown>>();

/** Creates the file when missing, in WAL mode, and brings it to this code's schema. */
export function migrateSqlite(file: string, options: MigrateOptions = {}): Promise<MigrationOutcome> {
  const key = path.resolve(file);
  const run = (sqliteQueues.get(key) ?? Promise.resolve()).then(async () => {
    const database = new Database(file);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    // A migration of a big file in another process may take a while; wait for it.
    database.pragma('busy_timeout = 60000');
    const db = new Kysely<unknown>({ dialect: new MigratingSqliteDialect(database) });
    try {
      return await migrate(db, 'sqlite', options, (script) => void database.exec(script));
    } finally {
      await db.destroy(); // closes `database`
    }
  });
  const settled = run.catch(() => undefined);
  sqliteQueues.set(key, settled);
  void settled.then(() => {
    if (sqliteQueues.get(key) === settled) sqliteQueues.delete(key);
  });
  return run;
}

/** Brings the database to this code's schema, on one connection of its own. */
export async function migratePostgres(connectionString: string, options: MigrateOptions = {}): Promise<MigrationOutcome> {
  const pool = new pg.Pool({ connectionString, max: 1, application_name: 'baton-migrate' });
  pool.on('error', () => undefined); // a dropped idle client; the query that needed it fails instead
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await migrate(db, 'postgres', options);
  } finally {
    await db.destroy(); // ends the pool
  }
}
