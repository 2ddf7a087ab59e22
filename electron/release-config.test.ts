// The installers and their release workflow, as far as this machine can check them (packaging
// needs downloads): electron-builder.yml names every target IT deploys, takes the icons generated
// from the one source image, signs only from the environment; the workflow builds on the three
// OS runners and takes its secrets from the repository's secrets, never inline.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { icnsFile, icoFile, ICNS_TYPES, pngSize } from '../scripts/icons/containers';
import { LINUX_SIZES, render } from '../scripts/icons/generate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => fs.readFileSync(path.join(root, file));
const builder = parse(read('electron-builder.yml').toString()) as Record<string, any>;
const workflow = parse(read('.github/workflows/release.yml').toString()) as Record<string, any>;
const require = createRequire(import.meta.url);
const targets = (platform: string) =>
  (builder[platform].target as Array<string | { target: string }>).map((t) => (typeof t === 'string' ? t : t.target));

describe('installer configuration', () => {
  it('builds NSIS and MSI per machine, dmg, pkg and zip, AppImage and deb', () => {
    expect(targets('win')).toEqual(['nsis', 'msi']);
    expect(targets('mac')).toEqual(['dmg', 'pkg', 'zip']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(builder.nsis).toMatchObject({ perMachine: true, oneClick: false, include: 'build/installer.nsh' });
    expect(builder.msi).toMatchObject({ perMachine: true });
    expect(builder.msi.upgradeCode).toMatch(/^[0-9a-f-]{36}$/);
    expect(builder.pkg).toMatchObject({ installLocation: '/Applications' });
  });

  it('names artifacts with version and channel', () => {
    expect(builder.artifactName).toContain('${version}');
    expect(builder.artifactName).toContain('${channel}');
    expect(builder.nsis.artifactName).toMatch(/\$\{version\}.*\$\{channel\}/);
  });

  it('writes the workstation file from /SERVER= and /LOCATION= and purges only with /PURGE', () => {
    const nsh = read('build/installer.nsh').toString();
    expect(nsh).toMatch(/!macro customInstall[\s\S]*"\/SERVER="[\s\S]*"\/LOCATION="[\s\S]*baton-workstation\.json[\s\S]*!macroend/);
    expect(nsh).toMatch(/IfNot\} \$\{FileExists\} "\$R4\\Baton\\baton-workstation\.json"/);
    expect(nsh).toMatch(/!macro customUnInstall[\s\S]*"\/PURGE"[\s\S]*RMDir \/r[\s\S]*!macroend/);
    expect(read('build/linux-after-remove.sh').toString()).toMatch(/"\$1" = "purge"/);
    expect(builder.deb.afterRemove).toBe('build/linux-after-remove.sh');
  });

  it('MSI: SERVER and LOCATION write the workstation file through the app, and the install is marked as MSI', () => {
    expect(builder.msiProjectCreated).toBe('./build/msi-project.cjs');
    const { addBatonMsiParts } = require('../build/msi-project.cjs') as { addBatonMsiParts(wxs: string): string };
    // electron-builder's own WiX template, its template code removed and the main executable filled in.
    const template = fs
      .readFileSync(require.resolve('app-builder-lib/templates/msi/template.xml'), 'utf8')
      .replace('{{-files}}', '<Component><File Id="mainExecutable" Source="Baton.exe" KeyPath="yes"/></Component>')
      .replace(/\{\{[\s\S]*?\}\}/g, '')
      .replace(/\$\{[A-Za-z]+\}/g, 'x');
    const errors: string[] = [];
    const wxs = new DOMParser({
      errorHandler: (level: string, message: unknown) => void errors.push(`${level}: ${String(message)}`),
    }).parseFromString(addBatonMsiParts(template), 'text/xml');
    expect(errors).toEqual([]);
    const all = (tag: string) => Array.from(wxs.getElementsByTagName(tag));
    const attrs = (el: Element) => Object.fromEntries(Array.from(el.attributes).map((a) => [a.name, a.value]));
    expect(
      all('Property')
        .filter((p) => ['SERVER', 'LOCATION'].includes(p.getAttribute('Id') ?? ''))
        .map(attrs),
    ).toEqual([
      { Id: 'SERVER', Secure: 'yes' },
      { Id: 'LOCATION', Secure: 'yes' },
    ]);
    const action = all('CustomAction').find((a) => a.getAttribute('Id') === 'BatonWriteWorkstationFile')!;
    // Deferred and not impersonated: runs as the system account, after the files are in place; a refusal fails the install.
    expect(attrs(action)).toEqual({
      Id: 'BatonWriteWorkstationFile',
      FileKey: 'mainExecutable',
      ExeCommand: '--install-config --server="[SERVER]" --location="[LOCATION]"',
      Execute: 'deferred',
      Impersonate: 'no',
      Return: 'check',
    });
    const scheduled = all('Custom').find((c) => c.getAttribute('Action') === 'BatonWriteWorkstationFile')!;
    expect(scheduled.getAttribute('Before')).toBe('InstallFinalize');
    expect(scheduled.textContent).toBe('NOT REMOVE AND SERVER AND LOCATION');
    expect(all('InstallExecuteSequence')).toHaveLength(1);
    const marker = all('RegistryValue').map(attrs);
    expect(marker).toEqual([{ Root: 'HKLM', Key: 'Software\\Baton', Name: 'InstalledBy', Type: 'string', Value: 'msi', KeyPath: 'yes' }]);
    expect(all('Component').find((c) => c.getAttribute('Id') === 'BatonInstalledByMsi')!.parentNode).toHaveProperty(
      'nodeName',
      'ComponentGroup',
    );
    // The app's update mode reads exactly this marker (electron/updates/update-mode.ts).
    expect(read('electron/updates/update-mode.ts').toString()).toContain("INSTALLER_KEY = 'HKLM\\\\Software\\\\Baton'");
    // A template that changed shape is refused at packaging time rather than built without the step.
    expect(() => addBatonMsiParts('<Wix><Product></Product></Wix>')).toThrow(/template changed/);
    expect(() => addBatonMsiParts(addBatonMsiParts(template))).toThrow(/already/);
  });

  it('keeps signing and notarization secrets out of the file', () => {
    const text = read('electron-builder.yml').toString();
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificatePassword|certificateFile|password|appleId)\s*:/im);
    expect(builder.win.certificatePassword).toBeUndefined();
  });
});

describe('icons', () => {
  it('are real images of every size, generated from build/icons/baton.svg', () => {
    for (const size of LINUX_SIZES) expect(pngSize(read(`build/icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    expect(pngSize(read('build/icon.png'))).toEqual({ width: 1024, height: 1024 });
    const ico = read('build/icon.ico');
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    const icns = read('build/icon.icns');
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) found.push(icns.subarray(at, at + 4).toString());
    expect(found).toEqual(ICNS_TYPES.map(([type]) => type));
  });

  it('the committed files are what the generator makes from the source now', () => {
    const svg = read('build/icons/baton.svg').toString();
    const png32 = render(svg, 32);
    expect(png32.equals(read('build/icons/32x32.png'))).toBe(true);
    const pngs = new Map([16, 24, 32, 48, 64, 128, 256, 512, 1024].map((s) => [s, render(svg, s)]));
    const pick = (sizes: number[]) => new Map(sizes.map((s) => [s, pngs.get(s)!]));
    expect(icoFile(pick([16, 24, 32, 48, 64, 128, 256])).equals(read('build/icon.ico'))).toBe(true);
    expect(icnsFile(pick([16, 32, 64, 128, 256, 512, 1024])).equals(read('build/icon.icns'))).toBe(true);
  });
});

describe('release workflow', () => {
  it('builds on Windows, macOS and Linux runners with the matching target', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    const matrix = workflow.jobs.installers.strategy.matrix.include as Array<{ os: string; target: string }>;
    expect(matrix.map((m) => [m.os.split('-')[0], m.target])).toEqual([
      ['windows', '--win'],
      ['macos', '--mac'],
      ['ubuntu', '--linux'],
    ]);
    const runs = (workflow.jobs.installers.steps as Array<{ run?: string }>).flatMap((s) => (s.run ? [s.run] : []));
    expect(runs).toEqual(['npm ci', 'npm run build', 'npx electron-builder ${{ matrix.target }} --publish never']);
  });

  it('takes every credential from the repository secrets, none inline', () => {
    const env = (workflow.jobs.installers.steps as Array<{ env?: Record<string, string> }>).flatMap((s) => Object.entries(s.env ?? {}));
    const credentials = env.filter(([name]) => /CSC_LINK|PASSWORD|APPLE_API|TOKEN|SECRET/.test(name));
    expect(credentials.length).toBeGreaterThanOrEqual(7);
    for (const [name, value] of credentials) expect(value, name).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
    const text = read('.github/workflows/release.yml').toString();
    expect(text).not.toMatch(/-----BEGIN|[A-Za-z0-9+/]{60,}/);
  });
});
