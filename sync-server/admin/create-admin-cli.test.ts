// `npm run admin:create` on a real SQLite data folder of a server started without the demo: the
// first admin signs in with the password printed once (or given on stdin / BATON_ADMIN_PASSWORD);
// a taken username, a short password, missing arguments and a bad database URL are refused.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createServer } from '../app';
import { loadConfig } from '../config';
import { LoginResponse } from '../../shared/wire';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function run(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'sync-server/admin/create-admin-cli.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, BATON_DATABASE_URL: '', BATON_ADMIN_PASSWORD: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
    child.stdin!.end(stdin ?? '');
  });
}

async function withServer<T>(dataDir: string, fn: (base: string) => Promise<T>): Promise<T> {
  const server = await createServer(loadConfig({ BATON_DATA_DIR: dataDir, BATON_STATIC_DIR: '/nonexistent' }));
  try {
    return await fn(await server.app.listen({ port: 0, host: '127.0.0.1' }));
  } finally {
    await server.close();
  }
}

const login = async (base: string, username: string, password: string) => {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, workstationId: 'ws-it' }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
};

describe('npm run admin:create', () => {
  it('creates the first admin of a server without the demo, and refuses what it must', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-admin-cli-'));
    await withServer(dataDir, async (base) => expect((await login(base, 'it.admin', 'anything-at-all')).status).toBe(401));
    const env = { BATON_DATA_DIR: dataDir };

    const created = await run(['--username', 'it.admin', '--name', 'IT Admin', '--location', 'loc-main'], env);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const password = /Temporary password \(shown once[^)]*\): (\S+)/.exec(created.out)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{18}$/);

    const taken = await run(['--username', 'IT.Admin', '--name', 'Again', '--location', 'loc-main'], env);
    expect(taken).toMatchObject({ code: 1, out: '' });
    expect(taken.err).toContain('already taken');

    const short = await run(['--username', 'short', '--name', 'Short', '--location', 'loc-main'], {
      ...env,
      BATON_ADMIN_PASSWORD: 'too-short',
    });
    expect(short.code).toBe(1);
    expect(short.err).toContain('at least 12 characters');
    expect(short.err).not.toContain('too-short');
    const missing = await run(['--username', 'nobody'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--name');
    expect((await run(['--username', 'x', '--name', 'X', '--location', 'loc-main'], { BATON_DATABASE_URL: 'mysql://nowhere' })).code).toBe(
      2,
    );

    const fromStdin = await run(
      ['--username', 'second.admin', '--name', 'Second Admin', '--location', 'loc-main', '--password-stdin'],
      env,
      'a-chosen-password-here\n',
    );
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.out).not.toContain('Temporary password');
    const fromEnv = await run(['--username', 'third.admin', '--name', 'Third Admin', '--location', 'loc-main'], {
      ...env,
      BATON_ADMIN_PASSWORD: 'from-the-environment',
    });
    expect(fromEnv.code).toBe(0);

    await withServer(dataDir, async (base) => {
      const first = await login(base, 'it.admin', password!);
      expect(first.status).toBe(200);
      expect(LoginResponse.parse(first.body).user).toMatchObject({
        username: 'it.admin',
        displayName: 'IT Admin',
        roles: ['admin'],
        locationIds: ['loc-main'],
      });
      // The generated password is to be replaced; a chosen one is the admin's own.
      expect(LoginResponse.parse(first.body).passwordTemporary).toBe(true);
      const chosen = await login(base, 'second.admin', 'a-chosen-password-here');
      expect(chosen.status).toBe(200);
      expect(LoginResponse.parse(chosen.body).passwordTemporary).toBe(false);
      expect((await login(base, 'third.admin', 'from-the-environment')).status).toBe(200);
    });

    // Audited as the command's act, without any password.
    const { openSqliteStorage } = await import('../storage/sqlite');
    const storage = await openSqliteStorage({ file: path.join(dataDir, 'baton.sqlite') });
    try {
      const entries = (await storage.readAudit({ afterId: 0, limit: 1000 })).filter((e) => e.action === 'user_created');
      expect(entries.map((e) => [e.workstationId, (e.after as { username: string }).username])).toEqual([
        ['admin-cli', 'it.admin'],
        ['admin-cli', 'second.admin'],
        ['admin-cli', 'third.admin'],
      ]);
      expect(JSON.stringify(entries)).not.toMatch(new RegExp(`${password}|a-chosen-password|from-the-environment`));
      expect(await storage.countUsers()).toBe(3);
    } finally {
      await storage.close();
    }
  }, 120_000);
});
