// `npm run audit:verify` on a real SQLite data folder written by a real server, before and after
// an attacker edits the database directly; and the same check on PostgreSQL.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createServer } from '../app';
import { loadConfig } from '../config';
import { newTaskDoc, signIn } from '../../tests/support/api';
import { auditHash } from '../storage/audit-hash';
import { openPostgresStorage } from '../storage/postgres';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import { verifyAuditChain } from './verify';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function runVerify(env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'sync-server/audit/verify-cli.ts')],
      { cwd: ROOT, env: { ...process.env, BATON_DATABASE_URL: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

/** A server that wrote sign-ins, a change, a refusal and a sign-out, then stopped. */
async function writeSomeHistory(env: Record<string, string>): Promise<void> {
  const server = await createServer(loadConfig({ BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent', ...env }));
  try {
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const api = await signIn(base);
    await api.post('/api/sync/tasks/push', [{ newDocumentState: newTaskDoc({ title: 'Audited' }) }, { newDocumentState: newTaskDoc({ title: '' }) }]);
    await api.post('/api/auth/logout', {});
  } finally {
    await server.close();
  }
}

describe('audit:verify on SQLite', () => {
  it('says OK with the count, then names the first entry an attacker edited and exits non-zero', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-verify-'));
    await writeSomeHistory({ BATON_DATA_DIR: dataDir });
    const file = path.join(dataDir, 'baton.sqlite');
    const db = new Database(file);
    const count = (db.prepare('SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
    expect(count).toBeGreaterThan(40); // the seed's creates, sign-in, create, refuse, rejection, sign-out

    const ok = await runVerify({ BATON_DATA_DIR: dataDir });
    expect(ok.out).toContain(`Audit log OK: ${count} entries`);
    expect(ok.code).toBe(0);

    // The attacker drops the append-only trigger and edits one entry in the middle.
    const target = db.prepare("SELECT id, at, action FROM audit WHERE action = 'create' ORDER BY id DESC LIMIT 1").get() as { id: number; at: string; action: string };
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit SET reason = 'nothing to see' WHERE id = ?").run(target.id);
    const bad = await runVerify({ BATON_DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`ALTERED at entry ${target.id} (${target.at}, ${target.action})`);
    expect(bad.out).toContain('edited after it was written');
    expect(bad.out).toContain(`${target.id - 1} entries before it verified`);

    // A smarter attacker also recomputes that entry's hash: the next entry's link gives it away.
    db.exec('DROP TRIGGER IF EXISTS audit_no_update');
    const row = db.prepare('SELECT * FROM audit WHERE id = ?').get(target.id) as Record<string, string>;
    const rehashed = auditHash(row.prev_hash, {
      at: row.at, actorId: row.actor_id, workstationId: row.workstation_id, action: row.action, collection: row.collection,
      docId: row.doc_id, before: row.before === null ? null : JSON.parse(row.before), after: row.after === null ? null : JSON.parse(row.after), reason: row.reason,
    });
    db.prepare('UPDATE audit SET hash = ? WHERE id = ?').run(rehashed, target.id);
    const next = db.prepare('SELECT id FROM audit WHERE id > ? ORDER BY id LIMIT 1').get(target.id) as { id: number };
    db.close();
    const relinked = await runVerify({ BATON_DATA_DIR: dataDir });
    expect(relinked.code).toBe(1);
    expect(relinked.out).toContain(`ALTERED at entry ${next.id} `);
    expect(relinked.out).toContain(`does not match the hash of entry ${target.id}`);
  });

  it('exits 2 when there is no database in the data folder', async () => {
    const result = await runVerify({ BATON_DATA_DIR: path.join(os.tmpdir(), 'baton-no-such-dir') });
    expect(result.code).toBe(2);
    expect(result.out).toContain('no Baton database');
  });
});

describe('audit chain on PostgreSQL', () => {
  it('verifies, then finds a row deleted behind the triggers', async () => {
    const url = await freshPostgresUrl();
    try {
      await writeSomeHistory({ BATON_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'baton-verify-pg-')), BATON_DATABASE_URL: url });
      const storage = await openPostgresStorage({ connectionString: url, poolSize: 2 });
      try {
        const entries = await storage.readAudit({ afterId: 0, limit: 100_000 });
        expect(await verifyAuditChain(storage, 7)).toEqual({ ok: true, count: entries.length, lastHash: entries.at(-1)!.hash });
        const victim = entries[entries.length - 3];
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query('ALTER TABLE audit DISABLE TRIGGER USER');
        await client.query('DELETE FROM audit WHERE id = $1', [victim.id]);
        await client.end();
        const result = await verifyAuditChain(storage, 7);
        expect(result).toMatchObject({ ok: false, count: entries.length - 3, entry: { id: entries[entries.length - 2].id } });
      } finally {
        await storage.close();
      }
    } finally {
      await dropPostgresDatabase(url);
    }
  });
});
