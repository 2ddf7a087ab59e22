// Numbered migrations on both databases: an empty database, a later migration on a database at
// the previous version, a failing migration that leaves nothing behind, two servers starting at
// once, the refusal of a database a newer release upgraded, and `npm run migrate` itself.
// (A database made by the release before migrations: upgrade.test.ts, from committed fixtures.)
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { bundled } from '../../tests/support/bundle';
import { MIGRATIONS, migrationKey, SCHEMA_VERSION } from './migrations/index';
import type { BatonMigration } from './migrations/types';
import { migratePostgres, migrateSqlite, SchemaTooNewError, type MigrateOptions, type MigrationOutcome } from './migrator';
import { openStorage, sqliteFileIn } from './open';
import { dropPostgresDatabase, freshPostgresUrl, queryPostgres } from './test-postgres';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Row = Record<string, unknown>;

interface Db {
  migrate(options?: MigrateOptions): Promise<MigrationOutcome>;
  raw(statement: string): Promise<Row[]>;
  tableExists(name: string): Promise<boolean>;
  /** Where `openStorage` and the CLI find it. */
  location: { dataDir: string; databaseUrl?: string };
  env: Record<string, string>;
}

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose();
});

const adapters: { name: string; fresh(): Promise<Db> }[] = [
  {
    name: 'sqlite',
    fresh: async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-migrate-'));
      disposers.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
      const file = sqliteFileIn(dataDir);
      const raw = async (statement: string) => {
        const db = new Database(file);
        try {
          const prepared = db.prepare(statement);
          return prepared.reader ? (prepared.all() as Row[]) : (prepared.run(), []);
        } finally {
          db.close();
        }
      };
      return {
        migrate: (options) => migrateSqlite(file, options),
        raw,
        tableExists: async (name) => (await raw(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '${name}'`)).length === 1,
        location: { dataDir },
        env: { BATON_DATA_DIR: dataDir },
      };
    },
  },
  {
    name: 'postgres',
    fresh: async () => {
      const url = await freshPostgresUrl();
      disposers.push(() => dropPostgresDatabase(url));
      const raw = (statement: string) => queryPostgres(url, statement);
      return {
        migrate: (options) => migratePostgres(url, options),
        raw,
        tableExists: async (name) => (await raw(`SELECT to_regclass('${name}')::text AS t`))[0].t !== null,
        location: { dataDir: '', databaseUrl: url },
        env: { BATON_DATABASE_URL: url },
      };
    },
  },
];

/** A second migration as a later release would add it: one definition for both databases. */
/** This release's version and migrations, and the next version a later release would add. */
const N = SCHEMA_VERSION;
const KEYS = MIGRATIONS.map(migrationKey);
const NEXT = N + 1;
const nextKey = (name: string) => migrationKey({ version: NEXT, name });

const things: BatonMigration = {
  version: NEXT,
  name: 'things',
  up: async (m) => {
    // No IF NOT EXISTS: running it twice fails, so a second run would show.
    await m.db.schema
      .createTable('things')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('n', 'integer', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO things (id, n) VALUES ('a', 1)`.execute(m.db);
  },
};
const broken: BatonMigration = {
  version: NEXT,
  name: 'broken',
  up: async (m) => {
    await m.db.schema.createTable('half_done').addColumn('id', 'text').execute();
    await m.exec('INSERT INTO no_such_table VALUES (1)');
  },
};
const withThings = { migrations: [...MIGRATIONS, things] };

const names = async (db: Db) => (await db.raw('SELECT name FROM baton_migrations ORDER BY name')).map((r) => r.name);
const recordedVersion = async (db: Db) => (await db.raw("SELECT value FROM settings WHERE key = 'schema_version'"))[0]?.value;

describe.each(adapters)('numbered migrations on $name', ({ fresh }) => {
  it('an empty database gets every migration, recorded, and the next run finds it current', async () => {
    const db = await fresh();
    expect(await db.migrate()).toEqual({ from: 0, to: N, applied: KEYS });
    expect(await names(db)).toEqual(KEYS);
    // Releases from before numbered migrations read the version here.
    expect(await recordedVersion(db)).toBe(String(N));
    for (const table of ['docs', 'bucket_ops', 'doc_writers', 'users', 'settings', 'audit', 'sessions', 'workstations'])
      expect(await db.tableExists(table), table).toBe(true);
    expect(await db.migrate()).toEqual({ from: N, to: N, applied: [] });
    const storage = await openStorage(db.location);
    try {
      await storage.setSetting('k', 'v');
      expect(await storage.getSetting('k')).toBe('v');
    } finally {
      await storage.close();
    }
  });

  it('a later migration runs once on a database at the previous version, and the older code then refuses it', async () => {
    const db = await fresh();
    await db.migrate();
    expect(await db.migrate(withThings)).toEqual({ from: N, to: NEXT, applied: [nextKey('things')] });
    expect(await db.migrate(withThings)).toEqual({ from: NEXT, to: NEXT, applied: [] });
    expect(await db.raw('SELECT id, n FROM things')).toEqual([{ id: 'a', n: 1 }]);
    expect(await recordedVersion(db)).toBe(String(NEXT));
    // This release's code (version N) on the upgraded database: refused, with what to do.
    await expect(db.migrate()).rejects.toThrow(SchemaTooNewError);
    await expect(openStorage(db.location)).rejects.toThrow(
      `The database holds schema version ${NEXT}, newer than this server's ${N}: run the release that upgraded it, or a newer one.`,
    );
    expect(await names(db)).toEqual([...KEYS, nextKey('things')]);
  });

  it('a failing migration leaves nothing of itself, and the database stays at its version', async () => {
    const db = await fresh();
    await db.migrate();
    await expect(db.migrate({ migrations: [...MIGRATIONS, broken] })).rejects.toThrow(
      `Schema migration ${nextKey('broken')} failed; the database stays at version ${N}: `,
    );
    expect(await db.tableExists('half_done')).toBe(false);
    expect(await names(db)).toEqual(KEYS);
    expect(await recordedVersion(db)).toBe(String(N));
    const storage = await openStorage(db.location);
    await storage.close();
  });

  it('two servers starting together migrate once', async () => {
    const db = await fresh();
    const outcomes = await Promise.all([db.migrate(withThings), db.migrate(withThings), db.migrate(withThings)]);
    expect(outcomes.flatMap((o) => o.applied).sort()).toEqual([...KEYS, nextKey('things')].sort());
    expect(await db.raw('SELECT id, n FROM things')).toEqual([{ id: 'a', n: 1 }]);
  });

  it('refuses a database whose recorded version is newer, even without the migration table', async () => {
    const db = await fresh();
    await db.migrate();
    await db.raw('DROP TABLE baton_migrations');
    await db.raw(`UPDATE settings SET value = '${N + 2}' WHERE key = 'schema_version'`);
    await expect(db.migrate()).rejects.toThrow(`schema version ${N + 2}, newer than this server's ${N}`);
    expect(await db.tableExists('baton_migrations')).toBe(false);
  });

  it('npm run migrate migrates where the server would, says so, and exits 2 on a newer database', async () => {
    const db = await fresh();
    // Bundled once per test file: three tsx starts take longer than a test may on a loaded machine.
    const entry = await bundled('sync-server/storage/migrate-cli.ts');
    const cli = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [entry], { cwd: root, env: { PATH: process.env.PATH, ...env } });
    expect((await cli(db.env)).stdout).toContain(`migrated from version 0 to ${N} (${KEYS.join(', ')})`);
    expect((await cli(db.env)).stdout).toContain(`is current: version ${N}.`);
    await db.raw(`INSERT INTO baton_migrations (name, timestamp) VALUES ('${nextKey('from_the_future')}', 'then')`);
    const refused = await cli(db.env).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain(`migrate: The database holds schema version ${NEXT}, newer than this server's ${N}`);
  });
});

describe('migration 5 on SQLite: docs as a rowid table', () => {
  it('keeps every document, its key and its index, and the storage reads them as before', async () => {
    const db = await adapters[0].fresh();
    await db.migrate({ migrations: MIGRATIONS.filter((m) => m.version < 5) });
    const docsTable = async () => (await db.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'docs'"))[0].sql as string;
    expect(await docsTable()).toMatch(/WITHOUT ROWID/);
    const rows = Array.from({ length: 30 }, (_, i) => [
      i % 3 ? 'tasks' : 'config',
      `doc-${String(29 - i).padStart(2, '0')}`,
      i + 1,
      i === 7 ? 1 : 0,
      JSON.stringify({ id: `doc-${29 - i}`, title: `Brace } ${i}` }),
      JSON.stringify([`b${i % 4}`]),
    ]);
    for (const row of rows) await db.raw(`INSERT INTO docs VALUES (${row.map((v) => (typeof v === 'number' ? v : `'${v}'`)).join(', ')})`);
    const all = 'SELECT collection, id, seq, deleted, data, buckets FROM docs ORDER BY collection, id';
    const before = await db.raw(all);

    expect(await db.migrate({ migrations: MIGRATIONS.filter((m) => m.version <= 5) })).toEqual({
      from: 4,
      to: 5,
      applied: [migrationKey({ version: 5, name: 'docs_rowid' })],
    });
    expect(await docsTable()).not.toMatch(/WITHOUT ROWID/);
    expect(await db.raw(all)).toEqual(before);
    // The key still refuses a second document with the same id, and the index by seq is there.
    await expect(db.raw("INSERT INTO docs VALUES ('tasks', 'doc-01', 99, 0, '{}', '[]')")).rejects.toThrow(/UNIQUE/);
    expect(await db.raw("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'docs_by_seq'")).toHaveLength(1);
    const storage = await openStorage(db.location);
    try {
      expect((await storage.docsChangedAfter('tasks', 25)).map((d) => d.seq)).toEqual([26, 27, 29, 30]);
      // (Opened, it is migrated on: migration 6 gives every task its empty list of documents.)
      expect((await storage.getDoc('tasks', 'doc-27'))?.data).toEqual({ id: 'doc-27', title: 'Brace } 2', attachments: [] });
    } finally {
      await storage.close();
    }
  });
});

describe.each(adapters)('migration 6 on $name: task attachments', ({ fresh }) => {
  it('adds the attachments table and gives every stored task an empty list of documents, at the same seq', async () => {
    const db = await fresh();
    await db.migrate({ migrations: MIGRATIONS.filter((m) => m.version < 6) });
    const docs = [
      ['tasks', 't-old', 1, JSON.stringify({ id: 't-old', title: 'Filed before documents' })],
      ['tasks', 't-listed', 2, JSON.stringify({ id: 't-listed', title: 'Listed', attachments: [{ id: 'a1' }] })],
      ['config', 'c-1', 3, JSON.stringify({ id: 'c-1', kind: 'queue' })],
    ] as const;
    for (const [collection, id, seq, data] of docs)
      await db.raw(
        `INSERT INTO docs (collection, id, seq, deleted, data, buckets) VALUES ('${collection}', '${id}', ${seq}, false, '${data}', '[]')`,
      );

    expect(await db.migrate()).toEqual({ from: 5, to: N, applied: KEYS.filter((k) => k >= migrationKey({ version: 6, name: '' })) });
    expect(await db.tableExists('attachments')).toBe(true);
    const storage = await openStorage(db.location);
    try {
      expect(await storage.getDoc('tasks', 't-old')).toMatchObject({
        seq: 1,
        data: { id: 't-old', title: 'Filed before documents', attachments: [] },
      });
      expect((await storage.getDoc('tasks', 't-listed'))?.data).toEqual({ id: 't-listed', title: 'Listed', attachments: [{ id: 'a1' }] });
      expect((await storage.getDoc('config', 'c-1'))?.data).toEqual({ id: 'c-1', kind: 'queue' });
      expect(await storage.currentSeq()).toBe(0);
    } finally {
      await storage.close();
    }
  });
});
