// Enrollment from the command line against a real listening sync server (SQLite).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type BatonServer } from '../../sync-server/app';
import { loadConfig } from '../../sync-server/config';
import { enrollArgs, enrollmentLine, enrollWorkstation } from './enroll';
import { checkRevocation, wipeWorkstation } from './revocation';
import { loadWorkstation } from './workstation';

let server: BatonServer;
let base: string;
let dir: string;

const post = async (url: string, body: unknown, token?: string) => {
  const response = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

async function issueCode(locationId = 'loc-main'): Promise<string> {
  const admin = await post('/api/auth/login', { username: 'admin', password: 'baton-demo' });
  const issued = await post('/api/admin/enrollment-codes', { locationId }, admin.body.token);
  expect(issued.status).toBe(200);
  return issued.body.code;
}

async function machineFile(contents: Record<string, unknown>): Promise<string> {
  const file = path.join(dir, `machine-${Math.random().toString(36).slice(2)}.json`);
  await fs.writeFile(file, JSON.stringify(contents), { mode: 0o644 });
  return file;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-enroll-cli-'));
  server = await createServer(loadConfig({ BATON_DATA_DIR: path.join(dir, 'data'), BATON_DEMO: '1', BATON_STATIC_DIR: '/nonexistent' }));
  base = await server.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('enrollArgs', () => {
  it('reads the code and the name, defaulting the name to the host name', () => {
    expect(enrollArgs(['baton', '--enroll=AB12-CD34', '--workstation-name=Front desk 2'], 'pc-7')).toEqual({
      code: 'AB12-CD34',
      name: 'Front desk 2',
    });
    expect(enrollArgs(['baton', '--enroll=AB12-CD34'], 'pc-7')).toEqual({ code: 'AB12-CD34', name: 'pc-7' });
    expect(enrollArgs(['baton', '--approval'], 'pc-7')).toBeNull();
    expect(enrollArgs(['Baton.exe', '--enroll=TOKEN', '--name=Front desk 3'], 'pc-7')).toEqual({ code: 'TOKEN', name: 'Front desk 3' });
  });
});

describe('enrollWorkstation', () => {
  it('writes the enrollment into the machine file, keeping its other settings and permissions; sign-in then proves the workstation', async () => {
    const file = await machineFile({
      version: 1,
      serverUrl: `${base}/`,
      locationId: 'loc-main',
      workstationName: 'Front desk 2',
      idleLockSeconds: 120,
    });
    const outcome = await enrollWorkstation({ code: await issueCode(), name: 'Front desk 2' }, { file });
    expect(outcome.ok).toBe(true);

    const written = JSON.parse(await fs.readFile(file, 'utf8'));
    expect(written).toMatchObject({ version: 1, locationId: 'loc-main', workstationName: 'Front desk 2', idleLockSeconds: 120 });
    expect(written.enrollment.workstationId).toBe(outcome.ok ? outcome.workstationId : '');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o644);

    const started = await loadWorkstation({ platform: 'linux', env: { BATON_MACHINE_CONFIG: file }, userData: path.join(dir, 'user'), fs });
    expect(started.ok).toBe(true);
    const info = started.ok ? started.info : undefined;
    const login = await post('/api/auth/login', {
      username: 'frontdesk',
      password: 'baton-demo',
      workstationId: info?.workstationId,
      workstationSecret: info?.workstationSecret,
    });
    expect(login.status).toBe(200);
    const sessions = await post('/api/auth/login', { username: 'admin', password: 'baton-demo' });
    const list = await fetch(`${base}/api/admin/sessions`, { headers: { authorization: `Bearer ${sessions.body.token}` } }).then((r) =>
      r.json(),
    );
    expect(list).toContainEqual(
      expect.objectContaining({ userId: 'u-frontdesk', workstationId: info?.workstationId, workstationEnrolled: true }),
    );
  });

  it('a used code is refused with the server reason and leaves the file as it was', async () => {
    const code = await issueCode();
    const first = await machineFile({ version: 1, serverUrl: base, locationId: 'loc-main' });
    expect((await enrollWorkstation({ code, name: 'one' }, { file: first })).ok).toBe(true);

    const second = await machineFile({ version: 1, serverUrl: base, locationId: 'loc-main' });
    const before = await fs.readFile(second, 'utf8');
    const outcome = await enrollWorkstation({ code, name: 'two' }, { file: second });
    expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/HTTP 400.*already used or expired/) });
    expect(await fs.readFile(second, 'utf8')).toBe(before);
  });

  it('needs a valid machine file first, and says when the server cannot be reached', async () => {
    const missing = path.join(dir, 'nope.json');
    expect(await enrollWorkstation({ code: 'X', name: 'n' }, { file: missing })).toEqual({
      ok: false,
      message: expect.stringMatching(/does not exist.*serverUrl and locationId/),
    });
    const unreachable = await machineFile({ version: 1, serverUrl: 'http://127.0.0.1:9', locationId: 'loc-main' });
    expect(await enrollWorkstation({ code: 'X', name: 'n' }, { file: unreachable })).toEqual({
      ok: false,
      message: expect.stringMatching(/cannot be reached/),
    });
  });
});

describe('a location token from a deployment script, and revocation at start', () => {
  it('enrolls with a token, is idempotent when run again, learns a revocation, wipes, and enrolls anew', async () => {
    const admin = await post('/api/auth/login', { username: 'admin', password: 'baton-demo' });
    const issued = await post('/api/admin/enrollment-tokens', { locationId: 'loc-main', maxUses: 2, expiresInDays: 1 }, admin.body.token);
    const file = await machineFile({ version: 1, serverUrl: base, locationId: 'loc-main' });

    const first = await enrollWorkstation({ code: issued.body.token, name: 'Front desk 3' }, { file });
    expect(first.ok).toBe(true);
    expect(enrollmentLine(first)).toMatch(/^Enrolled as workstation ws-/);
    // The script runs again: nothing changes, no use is spent.
    const again = await enrollWorkstation({ code: issued.body.token, name: 'Front desk 3' }, { file });
    expect(again).toMatchObject({ ok: true, already: true });
    expect(enrollmentLine(again)).toMatch(/^Already enrolled/);

    const started = await loadWorkstation({ platform: 'linux', env: { BATON_MACHINE_CONFIG: file }, userData: dir, fs });
    if (!started.ok) throw new Error('machine file not loaded');
    expect(await checkRevocation(started.info, fetch, '1.2.3')).toBe('active');
    expect((await server.storage.getWorkstation(started.info.workstationId!))?.appVersion).toBe('1.2.3');
    expect(await checkRevocation({ ...started.info, serverUrl: 'http://127.0.0.1:9' }, fetch, '1.2.3')).toBe('unknown');

    await post(`/api/admin/workstations/${started.info.workstationId}/revoke`, {}, admin.body.token);
    expect(await checkRevocation(started.info, fetch, '1.2.3')).toBe('revoked');
    const keysDir = path.join(dir, 'keys-revoked');
    await fs.mkdir(keysDir);
    await fs.writeFile(path.join(keysDir, 'u-frontdesk.key'), 'sealed');
    let cleared = 0;
    await wipeWorkstation({ clearStorageData: async () => void cleared++, keysDir, rm: fs.rm });
    expect(cleared).toBe(1);
    await expect(fs.stat(keysDir)).rejects.toThrow();

    // Revoked: the same script enrolls it anew with the token's second use.
    const anew = await enrollWorkstation({ code: issued.body.token, name: 'Front desk 3' }, { file });
    expect(anew.ok && !anew.already && anew.workstationId !== started.info.workstationId).toBe(true);
    // A workstation configured by policy alone (no file yet): enrollment creates the file.
    const third = await post('/api/admin/enrollment-tokens', { locationId: 'loc-main', maxUses: 1, expiresInDays: 1 }, admin.body.token);
    const created = path.join(dir, 'by-policy', 'baton-workstation.json');
    const policy = { ok: true as const, values: { ServerUrl: base, LocationId: 'loc-main' }, source: 'HKLM\\Software\\Policies\\Baton' };
    expect(await enrollWorkstation({ code: third.body.token, name: 'Policy PC' }, { file: created, policy })).toMatchObject({ ok: true });
    expect(JSON.parse(await fs.readFile(created, 'utf8'))).toMatchObject({
      version: 1,
      locationId: 'loc-main',
      enrollment: { workstationId: expect.stringMatching(/^ws-/) },
    });
    expect((await fs.stat(created)).mode & 0o777).toBe(0o644);
    // The token is used up now.
    const other = await machineFile({ version: 1, serverUrl: base, locationId: 'loc-main' });
    expect(await enrollWorkstation({ code: issued.body.token, name: 'Front desk 4' }, { file: other })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/HTTP 400/),
    });
  });
});
