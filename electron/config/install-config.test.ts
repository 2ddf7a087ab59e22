// The MSI's `--install-config` step against a real folder: the file written from SERVER and
// LOCATION, checked as at start (plain http refused, a bad location id refused, nothing written),
// and an existing file never overwritten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installConfigArgs, installConfigLine, writeInstallConfig } from './install-config';
import { MachineConfig } from './machine-config';

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baton-install-')), 'Baton', 'baton-workstation.json');

describe('install-time workstation file (MSI)', () => {
  it('reads the command line the MSI runs', () => {
    expect(
      installConfigArgs(['Baton.exe', '--install-config', '--server=https://baton.clinic.local:8787', '--location=loc-north']),
    ).toEqual({
      server: 'https://baton.clinic.local:8787',
      location: 'loc-north',
    });
    expect(installConfigArgs(['Baton.exe', '--install-config'])).toEqual({ server: '', location: '' });
    expect(installConfigArgs(['Baton.exe', '--server=https://x'])).toBeNull();
  });

  it('writes a file the app accepts at start, once', async () => {
    const file = tempFile();
    const outcome = await writeInstallConfig({ server: 'https://baton.clinic.local:8787', location: 'loc-north' }, file);
    expect(outcome).toEqual({ ok: true, written: true });
    expect(installConfigLine(outcome, file)).toBe(`Wrote ${file}.`);
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(written).toEqual({ version: 1, serverUrl: 'https://baton.clinic.local:8787', locationId: 'loc-north' });
    expect(MachineConfig.safeParse(written).success).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o644);

    // An upgrade or reinstall with other values leaves the (perhaps enrolled) file alone.
    fs.writeFileSync(file, JSON.stringify({ ...written, enrollment: { workstationId: 'ws-1', workstationSecret: 's' } }));
    const again = await writeInstallConfig({ server: 'https://elsewhere.clinic', location: 'loc-south' }, file);
    expect(again).toEqual({ ok: true, written: false });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).enrollment.workstationId).toBe('ws-1');
  });

  it('refuses wrong values with the reason and writes nothing', async () => {
    for (const [server, location, reason] of [
      ['http://baton.clinic.local:8787', 'loc-north', /plain http/],
      ['not a url', 'loc-north', /serverUrl/],
      ['https://baton.clinic.local', '', /locationId/],
      ['', '', /serverUrl/],
    ] as const) {
      const file = tempFile();
      const outcome = await writeInstallConfig({ server, location }, file);
      expect(outcome.ok, `${server} ${location}`).toBe(false);
      expect(installConfigLine(outcome, file)).toMatch(reason);
      expect(fs.existsSync(path.dirname(file))).toBe(false);
    }
    // Loopback may be plain http (a server on the same machine).
    expect(await writeInstallConfig({ server: 'http://127.0.0.1:8787', location: 'loc-main' }, tempFile())).toEqual({
      ok: true,
      written: true,
    });
  });
});
