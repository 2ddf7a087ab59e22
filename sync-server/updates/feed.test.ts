// The update feed on a real listening server (SQLite and PostgreSQL for the policy): a release
// published with `npm run release:publish` is served as electron-updater's generic feed; IT pins a
// location to a release or stages the newest one to a share of its workstations, decided per
// workstation the same way at every check; other locations and unknown clients are unaffected.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSTATION_HEADER } from '../../shared/update-policy';
import type { BatonServer } from '../app';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { enrollmentCodeHash } from '../auth/enrollment';
import { publishRelease } from './releases';
import { chooseRelease, rolloutBucket, sortVersions } from './rollout';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function releaseDir(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `baton-release-${version}-`));
  const exe = `Baton-Setup-${version}-latest-x64.exe`;
  fs.writeFileSync(path.join(dir, exe), `installer ${version}`);
  fs.writeFileSync(
    path.join(dir, 'latest.yml'),
    `version: ${version}\nfiles:\n  - url: ${exe}\n    sha512: x\n    size: 1\npath: ${exe}\nsha512: x\n`,
  );
  fs.writeFileSync(path.join(dir, 'builder-debug.yml'), 'not served');
  return dir;
}

const publishCli = (args: string[], dataDir: string) =>
  new Promise<{ code: number; out: string; err: string }>((resolve) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'sync-server/updates/publish-cli.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, BATON_DATA_DIR: dataDir, BATON_UPDATES_DIR: '' } },
      (error, out, err) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err }),
    ),
  );

describe('rollout decisions', () => {
  it('orders releases, pins, and stages deterministically per workstation and release', () => {
    expect(sortVersions(['1.10.0', '1.2.0', '1.10.0-beta.2', '1.10.0-beta.10', '1.9.9'])).toEqual([
      '1.2.0',
      '1.9.9',
      '1.10.0-beta.2',
      '1.10.0-beta.10',
      '1.10.0',
    ]);
    const versions = ['1.0.0', '1.1.0'];
    expect(chooseRelease(versions, { channel: 'stable', version: '1.0.0', rolloutPercent: 100 }, 'ws-1')).toBe('1.0.0');
    expect(chooseRelease(versions, { channel: 'stable', version: '9.9.9', rolloutPercent: 100 }, 'ws-1')).toBeUndefined();
    expect(chooseRelease(versions, { channel: 'stable', version: null, rolloutPercent: 0 }, 'ws-1')).toBe('1.0.0');
    expect(chooseRelease(['1.1.0'], { channel: 'stable', version: null, rolloutPercent: 0 }, 'ws-1')).toBe('1.1.0');
    const ids = Array.from({ length: 1000 }, (_, i) => `ws-${i}`);
    const at = (p: number) =>
      ids.filter((id) => chooseRelease(versions, { channel: 'stable', version: null, rolloutPercent: p }, id) === '1.1.0');
    // Roughly the share asked for, the same answer every time, and raising it only adds workstations.
    const quarter = at(25);
    expect(quarter.length).toBeGreaterThan(180);
    expect(quarter.length).toBeLessThan(320);
    expect(at(25)).toEqual(quarter);
    const sixty = new Set(at(60));
    expect(quarter.every((id) => sixty.has(id))).toBe(true);
    expect(rolloutBucket(undefined, '1.1.0')).toBe(99);
  });
});

describe.each(['sqlite', 'postgres'] as const)('update feed on %s', (kind) => {
  let server: BatonServer;
  let base: string;
  let dataDir: string;

  let running: InProcessServer | undefined;
  beforeAll(async () => {
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0' });
    ({ server, base, dataDir } = running);
  });
  afterAll(async () => {
    await running?.close();
  });

  const feed = async (file: string, workstationId?: string) => {
    const response = await fetch(`${base}/updates/stable/${file}`, {
      headers: workstationId ? { [WORKSTATION_HEADER]: workstationId } : {},
    });
    return { status: response.status, text: await response.text() };
  };
  const versionFor = async (workstationId?: string) => /^version: (\S+)$/m.exec((await feed('latest.yml', workstationId)).text)?.[1];

  it('serves published releases with the location’s pin and staged rollout', { timeout: 120_000 }, async () => {
    expect((await feed('latest.yml')).status).toBe(404);
    const cli = await publishCli(['--channel', 'stable', '--dir', releaseDir('1.0.0')], dataDir);
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toContain('Published 1.0.0 to stable');
    expect((await publishCli(['--channel', 'Stable!', '--dir', releaseDir('1.0.1')], dataDir)).code).toBe(1);
    expect((await publishCli(['--channel', 'stable', '--dir', releaseDir('1.0.0')], dataDir)).err).toContain('already has 1.0.0');
    expect(await versionFor()).toBe('1.0.0');
    expect((await feed('Baton-Setup-1.0.0-latest-x64.exe')).text).toBe('installer 1.0.0');
    for (const bad of ['builder-debug.yml', '..%2F..%2Fbaton.sqlite', '.hidden.yml', 'latest.txt'])
      expect((await feed(bad)).status, bad).toBe(404);

    await publishRelease(path.join(dataDir, 'updates'), 'stable', releaseDir('1.1.0'));
    // 40 enrolled workstations at loc-main, two at another location.
    const now = new Date().toISOString();
    await server.storage.insertEnrollmentToken({
      codeHash: enrollmentCodeHash('FEED-TOKE-N000'),
      locationId: 'loc-main',
      createdBy: 'u-admin',
      createdAt: now,
      expiresAt: '2999-01-01T00:00:00.000Z',
      maxUses: 40,
    });
    await server.storage.insertEnrollmentToken({
      codeHash: enrollmentCodeHash('FEED-TOKE-N111'),
      locationId: 'loc-other',
      createdBy: 'u-admin',
      createdAt: now,
      expiresAt: '2999-01-01T00:00:00.000Z',
      maxUses: 2,
    });
    const main = Array.from({ length: 40 }, (_, i) => `ws-feed-${i}`);
    for (const id of main)
      await server.storage.enrollWorkstation(enrollmentCodeHash('FEED-TOKE-N000'), now, { id, name: id, secretHash: 'h', enrolledAt: now });
    for (const id of ['ws-other-1', 'ws-other-2'])
      await server.storage.enrollWorkstation(enrollmentCodeHash('FEED-TOKE-N111'), now, { id, name: id, secretHash: 'h', enrolledAt: now });
    expect(await versionFor(main[0])).toBe('1.1.0');

    const admin = (
      await (
        await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'baton-demo', workstationId: 'ws-it' }),
        })
      ).json()
    ).token as string;
    const manager = (
      await (
        await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'manager', password: 'baton-demo', workstationId: 'ws-m' }),
        })
      ).json()
    ).token as string;
    const put = (body: unknown, token = admin, location = 'loc-main') =>
      fetch(`${base}/api/admin/update-policy/${location}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect((await put({ channel: 'stable', version: null, rolloutPercent: 25 }, manager)).status).toBe(403);
    for (const bad of [
      { channel: 'stable', version: null, rolloutPercent: 101 },
      { channel: 'stable', rolloutPercent: 5 },
      { channel: 'stable', version: '1.0', rolloutPercent: 5 },
      { channel: 'stable', version: null, rolloutPercent: 5, extra: 1 },
    ]) {
      expect((await put(bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await put({ channel: 'stable', version: null, rolloutPercent: 25 }, admin, 'loc-other')).status).toBe(403);

    // Staged: exactly the workstations whose bucket is inside 25% get 1.1.0, at every check.
    expect((await put({ channel: 'stable', version: null, rolloutPercent: 25 })).status).toBe(200);
    const expected = main.filter((id) => rolloutBucket(id, '1.1.0') < 25);
    const offered = async () =>
      (await Promise.all(main.map(async (id) => [id, await versionFor(id)] as const))).filter(([, v]) => v === '1.1.0').map(([id]) => id);
    expect(await offered()).toEqual(expected);
    expect(await offered()).toEqual(expected);
    expect(expected.length).toBeLessThan(main.length);
    // Another location's policy is its own, as is an unenrolled client's: the default, everyone gets the newest.
    expect(await versionFor('ws-other-1')).toBe('1.1.0');
    expect(await versionFor()).toBe('1.1.0');
    // Pinned: every workstation of the location, whatever the share.
    expect((await put({ channel: 'stable', version: '1.0.0', rolloutPercent: 100 })).status).toBe(200);
    expect(new Set(await Promise.all(main.map((id) => versionFor(id))))).toEqual(new Set(['1.0.0']));
    const policy = await (
      await fetch(`${base}/api/admin/update-policy/loc-main`, { headers: { authorization: `Bearer ${admin}` } })
    ).json();
    expect(policy).toEqual({ channel: 'stable', version: '1.0.0', rolloutPercent: 100 });
    // Moved to the beta channel: the app keeps asking its default channel, and the location's
    // workstations get beta's release and installer; another location's stay on stable.
    await publishRelease(path.join(dataDir, 'updates'), 'beta', releaseDir('1.2.0-beta.1'));
    expect((await put({ channel: 'beta', version: null, rolloutPercent: 100 })).status).toBe(200);
    expect(new Set(await Promise.all(main.map((id) => versionFor(id))))).toEqual(new Set(['1.2.0-beta.1']));
    expect((await feed('Baton-Setup-1.2.0-beta.1-latest-x64.exe', main[0])).text).toBe('installer 1.2.0-beta.1');
    expect((await feed('Baton-Setup-1.2.0-beta.1-latest-x64.exe')).status).toBe(404);
    expect(await versionFor('ws-other-1')).toBe('1.1.0');
    const audit = (await server.storage.readAudit({ afterId: 0, limit: 100_000 })).filter((e) => e.action === 'update_policy_changed');
    expect(audit.map((e) => e.after)).toEqual([
      { channel: 'stable', version: null, rolloutPercent: 25 },
      { channel: 'stable', version: '1.0.0', rolloutPercent: 100 },
      { channel: 'beta', version: null, rolloutPercent: 100 },
    ]);
  });
});
