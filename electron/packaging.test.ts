// Keeps electron-builder.yml valid and its fuses set, with electron-builder's own loader and
// validator (from its app-builder-lib), since packaging itself needs downloads and cannot run here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { MachineConfig } from './config/machine-config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = (await getConfig(root, path.join(root, 'electron-builder.yml'), null)) as Record<string, unknown>;

describe('electron-builder configuration', () => {
  it('is valid for electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets the fuses of the security checklist', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('builds a per-machine Windows installer, a dmg, an AppImage and a deb, with the workstation template', () => {
    expect(config.nsis).toMatchObject({ perMachine: true });
    expect(JSON.stringify(config.extraResources)).toContain('build/baton-workstation.example.json');
    expect(JSON.stringify([config.win, config.mac, config.linux])).toMatch(/nsis.*dmg.*AppImage.*deb/);
  });

  it('ships a workstation template that the shell accepts', () => {
    const template = JSON.parse(fs.readFileSync(path.join(root, 'build/baton-workstation.example.json'), 'utf8'));
    expect(MachineConfig.safeParse(template).success).toBe(true);
  });
});
