// An upgrade from the last release before numbered migrations (c674bc6): its data folder, and a
// pg_dump of its PostgreSQL database (fixtures/c674bc6, made by make.sh there), each with the
// secrets folder it wrote, opened by this release's server process. The server migrates them at
// start, people sign in with their passwords, every task pulls, a new write is accepted, and the
// audit chain (old entries and new) verifies with the release's audit key.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { newTaskDoc, signIn } from '../../tests/support/api';
import { bundled } from '../../tests/support/bundle';
import { startServer, tempDir, type RunningServer } from '../../tests/support/server-process';
import { SCHEMA_VERSION } from './schema-version';
import { MIGRATIONS, migrationKey } from './migrations/index';
import { dropPostgresDatabase, freshPostgresUrl, queryPostgres } from './test-postgres';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixtures = path.join(here, 'fixtures/c674bc6');
type Row = Record<string, unknown>;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** The release's secrets folder, as 0700/0600 as the server demands (git keeps no modes). */
function copySecrets(kind: 'sqlite' | 'postgres', into: string): string {
  const dir = path.join(into, 'secrets');
  fs.cpSync(path.join(fixtures, kind, 'secrets'), dir, { recursive: true });
  fs.chmodSync(dir, 0o700);
  for (const file of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, file), 0o600);
  return dir;
}

interface Upgraded {
  env: Record<string, string>;
  dataDir: string;
  /** Plain SQL on the database, behind the server's back. */
  raw(statement: string): Promise<Row[]>;
}

const releases: { kind: 'sqlite' | 'postgres'; restore(dir: string): Promise<Upgraded> }[] = [
  {
    kind: 'sqlite',
    restore: async (dir) => {
      const dataDir = path.join(dir, 'data');
      fs.mkdirSync(dataDir);
      const file = path.join(dataDir, 'baton.sqlite');
      fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(path.join(fixtures, 'sqlite/data/baton.sqlite.gz'))));
      return {
        env: { BATON_SECRETS_DIR: copySecrets('sqlite', dir) },
        dataDir,
        raw: async (statement) => {
          const db = new Database(file, { readonly: true });
          try {
            return db.prepare(statement).all() as Row[];
          } finally {
            db.close();
          }
        },
      };
    },
  },
  {
    kind: 'postgres',
    restore: async (dir) => {
      const url = await freshPostgresUrl();
      cleanup.push(() => dropPostgresDatabase(url));
      const raw = (statement: string) => queryPostgres(url, statement);
      await raw(zlib.gunzipSync(fs.readFileSync(path.join(fixtures, 'postgres/dump.sql.gz'))).toString('utf8'));
      return { env: { BATON_SECRETS_DIR: copySecrets('postgres', dir), BATON_DATABASE_URL: url }, dataDir: path.join(dir, 'data'), raw };
    },
  },
];

describe.each(releases)('upgrading a $kind database made by release c674bc6', ({ kind, restore }) => {
  it('migrates at start; people sign in, every task pulls, writes go on and the audit chain verifies', async () => {
    const dir = tempDir('baton-upgrade-');
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const old = await restore(dir);
    // What the release left: its tables, version 1 in the settings table, no migration table.
    expect(await old.raw("SELECT value FROM settings WHERE key = 'schema_version'")).toEqual([{ value: '1' }]);
    const tasksBefore = (await old.raw("SELECT id FROM docs WHERE collection = 'tasks' AND NOT deleted = TRUE ORDER BY id")).map(
      (r) => r.id,
    );
    const auditBefore = Number((await old.raw('SELECT count(*) AS n FROM audit'))[0].n);
    expect(tasksBefore.length).toBeGreaterThan(30);

    // BATON_DEMO stays on (startServer's default): the data folder has users, so nothing is seeded.
    const server: RunningServer = await startServer({ dataDir: old.dataDir, env: old.env, bundle: await bundled('sync-server/main.ts') });
    cleanup.push(() => server.stop());
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, schemaVersion: SCHEMA_VERSION, db: { kind, ok: true } });
    expect((await old.raw('SELECT name FROM baton_migrations ORDER BY name')).map((r) => r.name)).toEqual(MIGRATIONS.map(migrationKey));

    const manager = await signIn(server.url, 'manager');
    const { documents } = await manager.pullAll('tasks', 100);
    expect(documents.map((d) => d.id).sort()).toEqual(tasksBefore);
    const frontdesk = await signIn(server.url, 'frontdesk');
    const doc = newTaskDoc({ title: 'Filed after the upgrade' });
    expect((await frontdesk.post('/api/sync/tasks/push', [{ newDocumentState: doc }])).body).toEqual([]);
    expect((await manager.pullAll('tasks', 100)).documents.find((d) => d.id === doc.id)?.title).toBe('Filed after the upgrade');
    await server.stop();

    const verify = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'sync-server/audit/verify-cli.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH, BATON_DATA_DIR: old.dataDir, ...old.env },
    });
    expect(verify.stdout).toMatch(/^Audit log OK: \d+ entries, hash chain intact/);
    // The release's entries are all there, and the new sign-ins and the push were appended.
    expect(Number(/OK: (\d+) entries/.exec(verify.stdout)![1])).toBeGreaterThan(auditBefore + 2);
    // Two processes start and the old data is read in full: minutes on a loaded machine, not a time rule.
  }, 300_000);
});
