import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';
import { machineConfigPath } from './machine-config';
import { UserSettingsStore } from './user-settings';
import { loadWorkstation } from './workstation';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-config-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const machineFile = () => path.join(dir, 'machine.json');
const start = (env: Record<string, string | undefined> = { BATON_MACHINE_CONFIG: machineFile() }) =>
  loadWorkstation({ platform: 'linux', env, userData: path.join(dir, 'user'), fs });
const good = {
  version: 1,
  serverUrl: 'https://baton.clinic.local:8787/',
  locationId: 'loc-main',
  enrollment: { workstationId: 'ws-1', workstationSecret: 's3cret' },
};

describe('workstation configuration', () => {
  it('loads a good machine file and defaults the missing user file', async () => {
    await fs.writeFile(machineFile(), JSON.stringify(good));
    const result = await start();
    expect(result).toMatchObject({
      ok: true,
      info: { serverUrl: 'https://baton.clinic.local:8787', locationId: 'loc-main', workstationId: 'ws-1', idleLockSeconds: 300 },
      settings: { version: 1, preferences: { notifications: true }, windows: {} },
    });
  });

  it('reads a file saved with a byte-order mark (Notepad)', async () => {
    await fs.writeFile(machineFile(), `\uFEFF${JSON.stringify(good)}`);
    expect((await start()).ok).toBe(true);
  });

  it('says the machine file is missing and where it should be', async () => {
    const result = await start();
    expect(result).toEqual({ ok: false, problems: [{ file: machineFile(), kind: 'missing', message: 'The file does not exist.' }] });
  });

  it('names the bad field of an invalid machine file', async () => {
    await fs.writeFile(machineFile(), JSON.stringify({ ...good, serverUrl: 'ftp://x', serverURL: 'https://typo' }));
    const result = await start();
    expect(result.ok).toBe(false);
    const [problem] = result.ok ? [] : result.problems;
    expect(problem).toMatchObject({ kind: 'invalid', file: machineFile() });
    expect(problem.message).toMatch(/serverUrl/);
    expect(problem.message).toMatch(/serverURL/);
  });

  it('reports a file that is not JSON, and a damaged user file, together', async () => {
    await fs.writeFile(machineFile(), '{ "version": 1, ');
    await fs.mkdir(path.join(dir, 'user'));
    await fs.writeFile(path.join(dir, 'user', 'baton-settings.json'), '{"version":2}');
    const result = await start();
    expect(result.ok ? [] : result.problems.map((p) => p.kind)).toEqual(['not-json', 'invalid']);
  });

  it('uses the server address npm start passes on a developer machine', async () => {
    const result = await start({ BATON_SERVER_URL: 'http://127.0.0.1:8787' });
    expect(result).toMatchObject({ ok: true, machineFile: null, info: { serverUrl: 'http://127.0.0.1:8787', locationId: 'loc-main' } });
  });

  it('knows where IT puts the file on each OS', () => {
    expect(machineConfigPath('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\Baton\\baton-workstation.json');
    expect(machineConfigPath('darwin', {})).toBe('/Library/Application Support/Baton/baton-workstation.json');
    expect(machineConfigPath('linux', {})).toBe('/etc/baton/baton-workstation.json');
    expect(machineConfigPath('linux', { BATON_MACHINE_CONFIG: '/x.json' })).toBe('/x.json');
  });
});

describe('writes', () => {
  it('replace the file whole and leave no temporary file', async () => {
    const file = path.join(dir, 'nested', 'settings.json');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await fs.readFile(file, 'utf8')).toBe('two');
    expect(await fs.readdir(path.dirname(file))).toEqual(['settings.json']);
  });

  it('keep the old content when the rename fails', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFileAtomic(file, 'old');
    const failing = { ...fs, rename: async () => Promise.reject(new Error('disk gone')) } as typeof fs;
    await expect(writeFileAtomic(file, 'new', failing)).rejects.toThrow('disk gone');
    expect(await fs.readFile(file, 'utf8')).toBe('old');
    expect(await fs.readdir(dir)).toEqual(['settings.json']);
  });

  it('go through the settings store one at a time, validated', async () => {
    const file = path.join(dir, 'user', 'baton-settings.json');
    const store = new UserSettingsStore(file, { version: 1, preferences: { notifications: true }, windows: {} });
    await Promise.all([
      store.setPreferences({ lastUsername: 'frontdesk' }),
      store.setWindowBounds('board', { x: 10, y: 20, width: 1200, height: 800 }),
    ]);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({
      version: 1,
      preferences: { notifications: true, lastUsername: 'frontdesk' },
      windows: { board: { x: 10, y: 20, width: 1200, height: 800 } },
    });
    await expect(store.setWindowBounds('board', { x: 0, y: 0, width: 5, height: 5 })).rejects.toThrow();
  });
});
