// Device-management policy over the workstation file: the Windows policy key read through
// `reg query` and the macOS managed preferences through plutil (both with the runner injected),
// checked with zod, and the rule that a plain http:// server address is for this machine only.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRegQuery, POLICY_KEY, readPolicy, type Runner } from './policy';
import { loadWorkstation } from './workstation';

const REG_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Baton',
  '    ServerUrl    REG_SZ    https://baton.north.clinic:8787',
  '    LocationId    REG_SZ    loc-north',
  '    IdleLockSeconds    REG_DWORD    0x78',
  '',
].join('\r\n');

const runner = (answers: Record<string, { code: number; stdout: string }>): Runner & { calls: string[] } => {
  const calls: string[] = [];
  const run = async (file: string, args: string[]) => {
    calls.push([file, ...args].join(' '));
    return answers[file] ?? { code: 1, stdout: '' };
  };
  return Object.assign(run, { calls });
};

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-policy-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const file = () => path.join(dir, 'baton-workstation.json');
const start = (platform: NodeJS.Platform, run: Runner) =>
  loadWorkstation({
    platform,
    env: { BATON_MACHINE_CONFIG: file() },
    userData: path.join(dir, 'user'),
    fs,
    policy: () => readPolicy(platform, run),
  });

describe('Windows policy key', () => {
  it('parses reg query output, string and DWORD values', () => {
    expect(parseRegQuery(REG_OUTPUT)).toEqual({
      ServerUrl: 'https://baton.north.clinic:8787',
      LocationId: 'loc-north',
      IdleLockSeconds: 120,
    });
  });

  it('overrides the installer-written file, and is enough without one', async () => {
    const run = runner({ reg: { code: 0, stdout: REG_OUTPUT } });
    await fs.writeFile(
      file(),
      JSON.stringify({
        version: 1,
        serverUrl: 'https://old.clinic',
        locationId: 'loc-main',
        enrollment: { workstationId: 'ws-1', workstationSecret: 's' },
      }),
    );
    expect(await start('win32', run)).toMatchObject({
      ok: true,
      info: { serverUrl: 'https://baton.north.clinic:8787', locationId: 'loc-north', idleLockSeconds: 120, workstationId: 'ws-1' },
    });
    expect(run.calls).toEqual([`reg query ${POLICY_KEY}`]);
    await fs.rm(file());
    expect(await start('win32', run)).toMatchObject({ ok: true, info: { locationId: 'loc-north' } });
  });

  it('without a policy key the file alone counts; a missing file is still named', async () => {
    const none = runner({});
    expect(await start('win32', none)).toMatchObject({ ok: false, problems: [{ file: file(), kind: 'missing' }] });
    // Half a policy does not replace the file.
    const half = runner({ reg: { code: 0, stdout: '    LocationId    REG_SZ    loc-north' } });
    expect(await start('win32', half)).toMatchObject({ ok: false, problems: [{ kind: 'missing' }] });
  });

  it('names the policy when one of its values is wrong, and opens nothing', async () => {
    const bad = runner({
      reg: { code: 0, stdout: `${REG_OUTPUT}\r\n    IdleLockSeconds    REG_DWORD    0x5\r\n    Colour    REG_SZ    blue` },
    });
    const result = await start('win32', bad);
    expect(result).toMatchObject({ ok: false, problems: [{ file: POLICY_KEY, kind: 'invalid' }] });
    if (!result.ok) expect(result.problems[0].message).toMatch(/IdleLockSeconds.*|Colour/);
  });

  it('AutoUpdate: 0 or 1 as a DWORD (a boolean in a profile); anything else is named', async () => {
    const off = await readPolicy('win32', runner({ reg: { code: 0, stdout: `${REG_OUTPUT}\r\n    AutoUpdate    REG_DWORD    0x0` } }));
    expect(off).toMatchObject({ ok: true, values: { AutoUpdate: 0 } });
    const mac = await readPolicy('darwin', runner({ '/usr/bin/plutil': { code: 0, stdout: JSON.stringify({ AutoUpdate: false }) } }));
    expect(mac).toMatchObject({ ok: true, values: { AutoUpdate: false } });
    const bad = await readPolicy('win32', runner({ reg: { code: 0, stdout: `${REG_OUTPUT}\r\n    AutoUpdate    REG_SZ    never` } }));
    expect(bad).toMatchObject({ ok: false, problem: { file: POLICY_KEY, kind: 'invalid' } });
    if (!bad.ok) expect(bad.problem.message).toContain('AutoUpdate');
  });
});

describe('macOS managed preferences', () => {
  it('takes Baton’s keys from the MDM profile and leaves the profile’s own', async () => {
    const profile = { PayloadUUID: 'abc', ServerUrl: 'https://baton.south.clinic', LocationId: 'loc-south', WorkstationName: 'Front 2' };
    const run = runner({ '/usr/bin/plutil': { code: 0, stdout: JSON.stringify(profile) } });
    expect(await start('darwin', run)).toMatchObject({
      ok: true,
      info: { serverUrl: 'https://baton.south.clinic', locationId: 'loc-south', workstationName: 'Front 2' },
    });
    expect(run.calls[0]).toContain('/Library/Managed Preferences/org.baton.desktop.plist');
  });

  it('Linux has no policy: nothing is run', async () => {
    const run = runner({});
    await fs.writeFile(file(), JSON.stringify({ version: 1, serverUrl: 'https://baton.clinic', locationId: 'loc-main' }));
    expect((await start('linux', run)).ok).toBe(true);
    expect(run.calls).toEqual([]);
  });
});

describe('server address', () => {
  it('refuses plain http:// unless it is this machine, from the file and from a policy', async () => {
    const none = runner({});
    for (const serverUrl of ['http://baton.clinic.local:8787', 'http://10.0.0.5', 'http://127.evil.example']) {
      await fs.writeFile(file(), JSON.stringify({ version: 1, serverUrl, locationId: 'loc-main' }));
      const result = await start('linux', none);
      expect(result.ok, serverUrl).toBe(false);
      if (!result.ok) expect(result.problems[0].message).toMatch(/plain http:\/\/ server address is refused/);
    }
    for (const serverUrl of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787', 'https://baton.clinic.local']) {
      await fs.writeFile(file(), JSON.stringify({ version: 1, serverUrl, locationId: 'loc-main' }));
      expect((await start('linux', none)).ok, serverUrl).toBe(true);
    }
    await fs.writeFile(file(), JSON.stringify({ version: 1, serverUrl: 'https://baton.clinic', locationId: 'loc-main' }));
    const plainPolicy = runner({ reg: { code: 0, stdout: '    ServerUrl    REG_SZ    http://baton.clinic' } });
    expect(await start('win32', plainPolicy)).toMatchObject({ ok: false, problems: [{ kind: 'invalid' }] });
  });
});
