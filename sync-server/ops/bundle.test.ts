// The production server: `npm run build`'s dist/server runs with plain `node` and production
// dependencies only (no tsx, no dev packages), serves a sign-in and a pull on a real SQLite file,
// and its audit tool verifies the chain it wrote and its migrate tool finds the schema current.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../scripts/build';
import { signIn } from '../../tests/support/api';
import { SERVER_VERSION } from './version';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A folder whose node_modules holds only what `npm ci --omit=dev` would install (linked, not copied). */
function productionInstall(into: string): void {
  // npm ls exits 1 on a version mismatch deep in the dev tree; its listing is still complete.
  const listing = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' }).stdout;
  const topLevel = listing
    .split('\n')
    .filter((p) => p.startsWith(path.join(root, 'node_modules/')) && p.split('/node_modules/').length === 2);
  for (const pkg of topLevel) {
    const name = pkg.split('/node_modules/')[1];
    fs.mkdirSync(path.dirname(path.join(into, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(pkg, path.join(into, 'node_modules', name), 'dir');
  }
  for (const devOnly of ['tsx', 'vitest', 'esbuild', 'vite', 'playwright-core'])
    expect(fs.existsSync(path.join(into, 'node_modules', devOnly)), devOnly).toBe(false);
}

describe('the bundled server (dist/server)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-dist-'));
  const dataDir = path.join(dir, 'data');
  let child: ChildProcess | undefined;
  let base = '';

  beforeAll(async () => {
    await buildServer(path.join(dir, 'dist/server'));
    productionInstall(dir);
    child = spawn(process.execPath, [path.join(dir, 'dist/server/main.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        BATON_PORT: '0',
        BATON_DATA_DIR: dataDir,
        BATON_DEMO: '1',
        BATON_STATIC_DIR: path.join(dir, 'no-renderer'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    base = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1].replace('localhost', '127.0.0.1'));
      });
      child!.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child!.on('exit', (code) => reject(new Error(`the bundled server exited with ${code}:\n${output}`)));
    });
  });
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('starts with production dependencies only, is ready, signs in and serves a pull', async () => {
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, version: SERVER_VERSION, db: { kind: 'sqlite', ok: true } });
    const api = await signIn(base, 'frontdesk');
    const { documents } = await api.pullAll('tasks', 200);
    expect(documents.length).toBeGreaterThan(0);
  });

  it('backs up while it runs with the bundled backup tool', () => {
    const out = execFileSync(process.execPath, [path.join(dir, 'dist/server/backup.js'), '--out', path.join(dir, 'baton.backup')], {
      cwd: dir,
      env: { PATH: process.env.PATH, BATON_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(out).toContain('Backup written to');
  });

  it('stops on SIGTERM, and its audit tool verifies the chain it wrote', async () => {
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    const report = execFileSync(process.execPath, [path.join(dir, 'dist/server/audit-verify.js')], {
      cwd: dir,
      env: { PATH: process.env.PATH, BATON_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(report).toMatch(/intact|ok/i);
    const migrated = execFileSync(process.execPath, [path.join(dir, 'dist/server/migrate.js')], {
      cwd: dir,
      env: { PATH: process.env.PATH, BATON_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(migrated).toMatch(/is current: version \d+\./);
  });

  it('restores the backup with the bundled restore tool, and the chain still verifies', () => {
    const env = { PATH: process.env.PATH, BATON_DATA_DIR: dataDir };
    const out = execFileSync(process.execPath, [path.join(dir, 'dist/server/restore.js'), path.join(dir, 'baton.backup')], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(out).toContain('database identity');
    const report = execFileSync(process.execPath, [path.join(dir, 'dist/server/audit-verify.js')], { cwd: dir, env, encoding: 'utf8' });
    expect(report).toMatch(/intact|ok/i);
  });

  it('runs the bundled audit archive tool: nothing written before 2020, so nothing archived and nothing removed', () => {
    const env = { PATH: process.env.PATH, BATON_DATA_DIR: dataDir };
    const archive = path.join(dir, 'audit-archive.json');
    const out = execFileSync(
      process.execPath,
      [path.join(dir, 'dist/server/audit-archive.js'), '--before', '2020-01-01', '--out', archive],
      { cwd: dir, env, encoding: 'utf8' },
    );
    expect(out).toContain('Nothing to archive');
    expect(fs.existsSync(archive)).toBe(false);
  });
});
