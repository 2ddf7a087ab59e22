// Archiving old audit entries, on SQLite and PostgreSQL: a keyed chain with entries from years ago
// and from today; `audit:archive` moves the old ones to a signed file and out of the database, the
// stored chain still verifies from the archive's last entry, `audit:verify --archive FILE` checks
// the file, and retention (6 years) holds unless forced. Edited archives and a forged start are found.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeyedStorage } from '../secrets/open-keyed';
import { secretsDirFor } from '../secrets/secrets';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import { ARCHIVED_THROUGH_SETTING, retentionCutoff } from './archive';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function run(cli: 'verify' | 'archive', env: Record<string, string>, args: string[] = []): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, `sync-server/audit/${cli}-cli.ts`), ...args],
      { cwd: ROOT, env: { ...process.env, BATON_DATABASE_URL: '', BATON_SECRETS_DIR: '', BATON_AUDIT_KEY: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe.each(['sqlite', 'postgres'] as const)('audit archive on %s', (kind) => {
  let dataDir: string;
  let url: string | undefined;
  let env: Record<string, string>;
  let out: string;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-archive-'));
    url = kind === 'postgres' ? await freshPostgresUrl() : undefined;
    env = { BATON_DATA_DIR: dataDir, ...(url ? { BATON_DATABASE_URL: url } : {}) };
    out = path.join(dataDir, '..', `${path.basename(dataDir)}-archive.json`);
  });
  afterEach(async () => {
    if (url) await dropPostgresDatabase(url);
  });

  /** Entries as the server appends them (keyed chain): `at` from the given dates, in order. */
  async function writeEntries(dates: string[]): Promise<void> {
    const { storage } = await openKeyedStorage({ dataDir, databaseUrl: url, secretsDir: secretsDirFor(dataDir), secretEnv: {} });
    try {
      for (const [i, at] of dates.entries()) {
        await storage.write((tx) =>
          tx.appendAudit({
            at,
            actorId: 'u-1',
            workstationId: 'ws-1',
            action: 'update',
            collection: 'tasks',
            docId: `t-${i}`,
            before: { title: `old ${i}` },
            after: { title: `new ${i}` },
            reason: '',
          }),
        );
      }
    } finally {
      await storage.close();
    }
  }

  async function sql(query: string, params: unknown[] = []): Promise<void> {
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      let n = 0;
      await client
        .query(
          query.replace(/\?/g, () => `$${++n}`),
          params,
        )
        .finally(() => client.end());
    } else {
      const db = new Database(path.join(dataDir, 'baton.sqlite'));
      db.prepare(query).run(...params);
      db.close();
    }
  }

  const old = ['2015-03-01T10:00:00.000Z', '2016-07-04T12:00:00.000Z', '2017-11-30T23:59:59.000Z'];
  const recent = () => [new Date(Date.now() - 86_400_000).toISOString(), new Date().toISOString()];

  it('moves entries older than the date to a signed file; the stored chain verifies from it, and the archive checks', async () => {
    await writeEntries([...old, ...recent()]);
    const archived = await run('archive', env, ['--before', '2018-01-01', '--out', out]);
    expect(archived.out).toMatch(/Archived 3 audit entries \(ids 1-3/);
    expect(archived.code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const file = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(file.entries.map((e: { docId: string }) => e.docId)).toEqual(['t-0', 't-1', 't-2']);

    const plain = await run('verify', env);
    expect(plain.out).toMatch(/Audit log OK: 2 entries/);
    expect(plain.out).toMatch(/Entries up to 3 are archived/);
    expect(plain.code).toBe(0);
    const withArchive = await run('verify', env, ['--archive', out]);
    expect(withArchive.out).toMatch(/Archives checked: .*\(3 entries\); the stored chain continues from entry 3/);
    expect(withArchive.code).toBe(0);
    // Nothing more to archive before that date; the table is append-only again.
    expect((await run('archive', env, ['--before', '2018-01-01', '--out', `${out}.2`])).out).toMatch(/Nothing to archive/);
    await expect(sql('DELETE FROM audit WHERE id = 4')).rejects.toThrow(/append-only/);
  }, 120_000);

  it('keeps entries younger than 6 years unless forced, and never archives past an entry written on or after the date', async () => {
    await writeEntries([old[0], ...recent(), old[1]]);
    const tooRecent = new Date(retentionCutoff(new Date()).getTime() + 86_400_000 * 30).toISOString().slice(0, 10);
    const refused = await run('archive', env, ['--before', tooRecent, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/entries are kept 6 years/);
    expect(fs.existsSync(out)).toBe(false);
    expect((await run('verify', env)).out).toMatch(/Audit log OK: 4 entries/);

    const forced = await run('archive', env, ['--before', tooRecent, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    // The chain has no gaps: the old entry written after recent ones stays with them.
    expect(forced.out).toMatch(/Archived 1 audit entries \(ids 1-1/);
    expect((await run('verify', env, ['--archive', out])).code).toBe(0);
  }, 120_000);

  it('finds an edited archive, a forged start of the stored chain and entries removed after the archive', async () => {
    await writeEntries([...old, ...recent()]);
    expect((await run('archive', env, ['--before', '2018-01-01', '--out', out])).code).toBe(0);

    // An archive edited (its signature kept) is refused.
    const file = JSON.parse(fs.readFileSync(out, 'utf8'));
    file.entries[1].reason = 'edited';
    const edited = `${out}.edited`;
    fs.writeFileSync(edited, JSON.stringify(file));
    const badArchive = await run('verify', env, ['--archive', edited]);
    expect(badArchive.code).toBe(2);
    expect(badArchive.out).toMatch(/was changed or not signed with this server's audit key/);

    // Someone with the database alone moves the start forward to hide removed entries.
    await sql(`DROP TRIGGER ${url ? 'audit_no_change ON audit' : 'audit_no_delete'}`);
    await sql('DELETE FROM audit WHERE id = 4');
    await sql('UPDATE settings SET value = ? WHERE key = ?', [
      JSON.stringify({ id: 4, hash: 'f'.repeat(64), mac: '0'.repeat(64) }),
      ARCHIVED_THROUGH_SETTING,
    ]);
    const forged = await run('verify', env, ['--archive', out]);
    expect(forged.code).toBe(1);
    expect(forged.out).toMatch(/was not written with the audit key/);
    expect(forged.out).toMatch(/does not link to|does not continue from the archive/);
  }, 120_000);
});
