// The audit log as evidence, on SQLite and PostgreSQL: a real server writes it, an attacker with
// the database (but not the secrets folder) edits, truncates or rewrites it, and `audit:verify`
// reports every finding, opening the database read-only.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../app';
import { loadConfig } from '../config';
import { newTaskDoc, signIn } from '../../tests/support/api';
import { chainSecrets, HEAD_FILE, readChainPoint } from '../secrets/audit-head';
import { replaceSecretFile, secretsDirFor } from '../secrets/secrets';
import { readExportedHead } from './head-export';
import { auditFields, auditHash, storableText } from '../storage/audit-hash';
import { openPostgresStorage } from '../storage/postgres';
import { openSqliteStorage } from '../storage/sqlite';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import type { StoredAuditEntry } from '../storage/types';
import { openPostgresAudit, openSqliteAudit, type AuditSource } from './read-only';
import { verifyAuditChain } from './verify';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function runVerify(env: Record<string, string>, args: string[] = []): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'sync-server/audit/verify-cli.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, BATON_DATABASE_URL: '', BATON_SECRETS_DIR: '', BATON_AUDIT_KEY: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

const SQLITE_TRIGGERS = `
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;`;

describe.each(['sqlite', 'postgres'] as const)('audit evidence on %s', (kind) => {
  let dataDir: string;
  let url: string | undefined;
  let env: Record<string, string>;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-verify-'));
    url = kind === 'postgres' ? await freshPostgresUrl() : undefined;
    env = { BATON_DATA_DIR: dataDir, ...(url ? { BATON_DATABASE_URL: url } : {}) };
  });
  afterEach(async () => {
    if (url) await dropPostgresDatabase(url);
  });

  /** A server that wrote sign-ins, a change, a refusal and a sign-out, then stopped. */
  async function writeSomeHistory(): Promise<void> {
    const server = await createServer(loadConfig({ BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', ...env }));
    try {
      const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const api = await signIn(base);
      await api.post('/api/sync/tasks/push', [
        { newDocumentState: newTaskDoc({ title: 'Audited' }) },
        { newDocumentState: newTaskDoc({ title: '' }) },
      ]);
      await api.post('/api/auth/logout', {});
    } finally {
      await server.close();
    }
  }

  const openAudit = (): Promise<AuditSource> | AuditSource =>
    url ? openPostgresAudit(url) : openSqliteAudit(path.join(dataDir, 'baton.sqlite'));

  async function verify() {
    const source = await openAudit();
    try {
      return await verifyAuditChain(source, { ...chainSecrets(secretsDirFor(dataDir)), pageSize: 7 });
    } finally {
      await source.close();
    }
  }

  async function entries(): Promise<StoredAuditEntry[]> {
    const source = await openAudit();
    try {
      return await source.readAudit({ afterId: 0, limit: 100_000 });
    } finally {
      await source.close();
    }
  }

  /** The attacker: switches the append-only triggers off, runs SQL (written with $n), and switches them on again. */
  async function tamper(statements: [string, unknown[]][]): Promise<void> {
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('ALTER TABLE audit DISABLE TRIGGER USER');
      for (const [sql, params] of statements) await client.query(sql, params);
      await client.query('ALTER TABLE audit ENABLE TRIGGER USER');
      await client.end();
    } else {
      const db = new Database(path.join(dataDir, 'baton.sqlite'));
      db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
      for (const [sql, params] of statements) db.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
      db.exec(SQLITE_TRIGGERS);
      db.close();
    }
  }

  it('is intact after a real server wrote it; a tampered middle entry and a later one are both reported', async () => {
    await writeSomeHistory();
    const before = await entries();
    expect(before.length).toBeGreaterThan(40);
    expect(await verify()).toEqual({
      ok: true,
      count: before.length,
      lastHash: before.at(-1)!.hash,
      lastId: before.at(-1)!.id,
      findings: [],
    });

    const middle = before[Math.floor(before.length / 2)];
    const later = before[before.length - 4];
    await tamper([
      ["UPDATE audit SET reason = 'nothing to see' WHERE id = $1", [middle.id]],
      ["UPDATE audit SET actor_id = 'someone-else' WHERE id = $1", [later.id]],
    ]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.entry?.id)).toEqual([middle.id, later.id]);
    expect(result.findings[0].problem).toContain('does not match its keyed hash');
  });

  it('finds the newest entries removed (a shorter chain that still links)', async () => {
    await writeSomeHistory();
    const before = await entries();
    const kept = before[before.length - 4];
    await tamper([['DELETE FROM audit WHERE id > $1', [kept.id]]]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([
      {
        problem: `entry ${before.at(-1)!.id}, the newest the server recorded, is missing: the newest entries were removed (the log now ends at entry ${kept.id})`,
      },
    ]);
  });

  it('finds a chain rewritten with recomputed hashes: every rewritten entry and the lost head', async () => {
    await writeSomeHistory();
    const before = await entries();
    const from = before.length - 8;
    const kept = before.slice(0, before.length - 3);
    // The attacker edits one entry, drops the last three and relinks everything after the edit,
    // with plain SHA-256 and with a key of their own: neither is the server's audit key.
    const statements: [string, unknown[]][] = [['DELETE FROM audit WHERE id > $1', [kept.at(-1)!.id]]];
    let prev = kept[from - 1].hash;
    const guessedKey = randomBytes(32);
    for (const [i, entry] of kept.slice(from).entries()) {
      const edited = i === 0 ? { ...entry, reason: 'rewritten' } : entry;
      const hash = auditHash(prev, edited, i % 2 === 0 ? undefined : guessedKey);
      statements.push(['UPDATE audit SET reason = $1, prev_hash = $2, hash = $3 WHERE id = $4', [edited.reason, prev, hash, entry.id]]);
      prev = hash;
    }
    await tamper(statements);
    const result = await verify();
    expect(result.ok).toBe(false);
    const reported = result.findings.flatMap((f) => (f.entry ? [f.entry.id] : []));
    expect(reported).toEqual(kept.slice(from).map((e) => e.id));
    expect(result.findings.at(-1)!.problem).toContain('the newest entries were removed');
  });

  it('an attacker holding the database and the secrets folder: the head exported off-site still finds removed entries', async () => {
    await writeSomeHistory();
    const secretsDir = secretsDirFor(dataDir);
    const { key } = chainSecrets(secretsDir);
    // The server exports its head at start (and every BATON_AUDIT_EXPORT_HOURS) to the off-site folder.
    const offSite = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-off-site-'));
    const server = await createServer(loadConfig({ BATON_STATIC_DIR: '/nonexistent', BATON_AUDIT_EXPORT_DIR: offSite, ...env }));
    await server.close();
    const [scheduled] = fs.readdirSync(offSite);
    expect(scheduled).toMatch(/^audit-head-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/);
    expect(readExportedHead(path.join(offSite, scheduled), key)).toMatchObject(readChainPoint(secretsDir, HEAD_FILE)!);
    // On demand, from a chain found intact.
    const onDemand = path.join(offSite, 'on-demand.json');
    expect((await runVerify(env, ['--export-head', onDemand])).code).toBe(0);
    const before = await entries();
    expect(readExportedHead(onDemand, key)).toMatchObject({ id: before.at(-1)!.id, hash: before.at(-1)!.hash });

    // The newest entries go, and the head beside the secrets is rewritten to match.
    const kept = before[before.length - 4];
    await tamper([['DELETE FROM audit WHERE id > $1', [kept.id]]]);
    replaceSecretFile(secretsDir, HEAD_FILE, JSON.stringify({ id: kept.id, hash: kept.hash }));
    expect((await runVerify(env)).code).toBe(0); // fooled without the off-site copy
    for (const file of [onDemand, path.join(offSite, scheduled)]) {
      const checked = await runVerify(env, ['--head', file]);
      expect(checked.code, checked.out).toBe(1);
      expect(checked.out).toContain(`exported off-site at`);
      expect(checked.out).toContain(`the log now ends at entry ${kept.id}`);
    }
    // An export edited to match the shorter log is not the server's.
    const forged = path.join(offSite, 'forged.json');
    fs.writeFileSync(forged, JSON.stringify({ ...JSON.parse(fs.readFileSync(onDemand, 'utf8')), id: kept.id, hash: kept.hash }));
    const refused = await runVerify(env, ['--head', forged]);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain("was not signed with this server's audit key");
  });

  it('opens read-only: a switched-off append-only trigger is reported, not repaired', async () => {
    await writeSomeHistory();
    let triggerState: () => Promise<unknown>;
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('ALTER TABLE audit DISABLE TRIGGER audit_no_change');
      triggerState = async () =>
        (await client.query("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_no_change'")).rows[0].tgenabled;
      try {
        const result = await verify();
        expect(result.findings).toEqual([{ problem: 'the append-only trigger audit_no_change is disabled' }]);
        expect(await triggerState()).toBe('D');
      } finally {
        await client.end();
      }
    } else {
      const file = path.join(dataDir, 'baton.sqlite');
      const db = new Database(file);
      db.exec('DROP TRIGGER audit_no_update');
      triggerState = async () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_update'").get();
      const out = await runVerify({ BATON_DATA_DIR: dataDir });
      expect(out.code).toBe(1);
      expect(out.out).toContain('the append-only trigger audit_no_update is missing');
      expect(await triggerState()).toBeUndefined();
      db.close();
    }
  });

  it('stores exactly what it hashes, whatever the text: lone surrogates, NUL, astral characters (fast-check)', async () => {
    const storage = url
      ? await openPostgresStorage({ connectionString: url, poolSize: 2 })
      : await openSqliteStorage({ file: path.join(dataDir, 'baton.sqlite') });
    await storage.migrate();
    const key = randomBytes(32);
    storage.useAuditChain({ key, committed: () => undefined });
    const unit = fc.oneof(
      fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\0', '😀', '𝄞', '\ufffd', '"', '\\'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    const text = fc.string({ unit, maxLength: 12 });
    let runs = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.record({ actor: text, docId: text, reason: text, field: text, value: text }), async (r) => {
          const entry = {
            at: new Date().toISOString(),
            actorId: r.actor,
            workstationId: 'ws-fuzz',
            action: 'fuzz',
            collection: 'tasks',
            docId: r.docId,
            before: { [r.field]: r.value },
            after: [r.value, { note: r.reason }],
            reason: r.reason,
          };
          await storage.write((tx) => tx.appendAudit(entry));
          runs++;
          const [stored] = (await storage.readAudit({ afterId: 0, limit: 100_000 })).slice(-1);
          const { id: _id, prevHash: _prev, hash: _hash, ...fields } = stored;
          expect(fields).toEqual(auditFields(entry));
          expect(stored.reason).toBe(storableText(r.reason));
        }),
        { numRuns: 40 },
      );
    } finally {
      await storage.close();
    }
    const source = await openAudit();
    try {
      expect(await verifyAuditChain(source, { key })).toMatchObject({ ok: true, count: runs, findings: [] });
    } finally {
      await source.close();
    }
  });

  it('a sign-in with a lone surrogate, NUL and an astral character in the username leaves a verifiable log', async () => {
    const server = await createServer(loadConfig({ BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', ...env }));
    try {
      const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
      for (const username of ['front\ud800desk', 'nul\0user', 'astral😀\udc00']) {
        const response = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'wrong-password', workstationId: 'ws\ud83d' }),
        });
        expect(response.status).toBe(401);
      }
    } finally {
      await server.close();
    }
    const failed = (await entries()).filter((e) => e.action === 'sign_in_failed');
    expect(failed.map((e) => (e.after as { username: string }).username)).toEqual(['front\ufffddesk', 'nul\ufffduser', 'astral😀\ufffd']);
    expect(await verify()).toMatchObject({ ok: true, findings: [] });
  });
});

describe('audit:verify, the command', () => {
  it('exits 0 with the count, 1 listing every finding, 2 without a database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-verify-cli-'));
    const server = await createServer(loadConfig({ BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', BATON_DATA_DIR: dataDir }));
    await server.close();
    const db = new Database(path.join(dataDir, 'baton.sqlite'));
    const count = (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
    const ok = await runVerify({ BATON_DATA_DIR: dataDir });
    expect(ok.out).toContain(`Audit log OK: ${count} entries, hash chain intact (keyed with the audit key`);
    expect(ok.code).toBe(0);

    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit SET reason = 'x' WHERE id IN (3, 9)").run();
    db.close();
    const bad = await runVerify({ BATON_DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('Audit log NOT INTACT: 3 findings');
    expect(bad.out).toMatch(/ALTERED at entry 3 \(.*\): its content does not match its keyed hash/);
    expect(bad.out).toMatch(/ALTERED at entry 9 \(/);

    const missing = await runVerify({ BATON_DATA_DIR: path.join(os.tmpdir(), 'baton-no-such-dir'), BATON_AUDIT_KEY: 'ab'.repeat(32) });
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('no Baton database');
  });
});
