// Which installs update themselves: NSIS, dmg/zip and AppImage do; an MSI, a deb, a development
// build, or a policy's AutoUpdate=0 do not. The Windows installer marker is read with the runner passed in.
import { describe, expect, it } from 'vitest';
import { installedBy, updateMode } from './update-mode';

const base = { packaged: true, platform: 'win32' as NodeJS.Platform, env: {}, policy: {}, installedBy: undefined };

describe('update mode', () => {
  it('updates NSIS, macOS and AppImage installs', () => {
    expect(updateMode(base)).toEqual({ enabled: true });
    expect(updateMode({ ...base, platform: 'darwin' })).toEqual({ enabled: true });
    expect(updateMode({ ...base, platform: 'linux', env: { APPIMAGE: '/opt/Baton.AppImage' } })).toEqual({ enabled: true });
    expect(updateMode({ ...base, policy: { AutoUpdate: 1 } })).toEqual({ enabled: true });
  });

  it('leaves MSI, deb, development builds and a policy that turns it off alone, saying why', () => {
    expect(updateMode({ ...base, installedBy: 'msi' })).toMatchObject({ enabled: false, reason: expect.stringContaining('MSI') });
    expect(updateMode({ ...base, platform: 'linux' })).toMatchObject({ enabled: false, reason: expect.stringContaining('deb') });
    expect(updateMode({ ...base, packaged: false })).toMatchObject({ enabled: false });
    expect(updateMode({ ...base, policy: { AutoUpdate: 0 } })).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('AutoUpdate'),
    });
    expect(updateMode({ ...base, platform: 'darwin', policy: { AutoUpdate: false } })).toMatchObject({ enabled: false });
  });

  it('reads the MSI’s marker from the registry on Windows only', async () => {
    const asked: string[][] = [];
    const run = async (file: string, args: string[]) => {
      asked.push([file, ...args]);
      return { code: 0, stdout: '\r\nHKEY_LOCAL_MACHINE\\Software\\Baton\r\n    InstalledBy    REG_SZ    msi\r\n' };
    };
    expect(await installedBy('win32', run)).toBe('msi');
    expect(asked).toEqual([['reg', 'query', 'HKLM\\Software\\Baton', '/v', 'InstalledBy']]);
    expect(await installedBy('win32', async () => ({ code: 1, stdout: '' }))).toBeUndefined();
    expect(await installedBy('darwin', run)).toBeUndefined();
    expect(asked).toHaveLength(1);
  });
});
