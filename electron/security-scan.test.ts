// The static scan of the Electron configuration (Electron's security checklist): electronegativity
// over electron/ must find nothing of HIGH severity. A deliberately insecure fixture proves the
// scanner really parses our TypeScript and reports, so a silent scanner cannot pass the test.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
const ELECTRON_VERSION = '45.0.0';

interface Finding {
  id: string;
  severity: string;
  file: string;
  location: string;
}

/** Runs the CLI (the release-feed check needs the internet and says nothing about our code). */
async function scan(input: string, out: string): Promise<Finding[]> {
  await promisify(execFile)(
    process.execPath,
    [cli, '-i', input, '-e', ELECTRON_VERSION, '-x', 'AvailableSecurityFixesGlobalCheck', '-o', out, '-r'],
    {
      cwd: root,
      timeout: 90_000,
    },
  );
  const [, ...rows] = (await fs.readFile(out, 'utf8')).trim().split('\n');
  return rows.map((row) => {
    const [id, severity, , file, location] = row.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
    return { id: id, severity: severity, file: file, location: location };
  });
}

let dir: string;
let ours: Promise<Finding[]>;
let fixture: Promise<Finding[]>;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-scan-'));
  await fs.mkdir(path.join(dir, 'bad'));
  await fs.writeFile(
    path.join(dir, 'bad', 'main.ts'),
    "import { BrowserWindow } from 'electron';\ntype P = { a: number };\nexport const p = { a: 1 } satisfies P;\n" +
      'export const w = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n',
  );
  ours = scan(path.join(root, 'electron'), path.join(dir, 'ours.csv'));
  fixture = scan(path.join(dir, 'bad'), path.join(dir, 'bad.csv'));
  await Promise.allSettled([ours, fixture]);
}, 180_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('electronegativity scan of electron/', () => {
  it('reports the insecure fixture (the scanner works)', async () => {
    const findings = await fixture;
    expect(findings.filter((f) => f.severity === 'HIGH').map((f) => f.id)).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']),
    );
  });

  it('finds nothing of high severity in the shell', async () => {
    const high = (await ours).filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL');
    expect(high, JSON.stringify(high, null, 2)).toEqual([]);
  });
});

describe('own checks of the shell sources', () => {
  it('creates windows only through createSecureWindow and never weakens a preference', async () => {
    const files = (await fs.readdir(path.join(root, 'electron'), { recursive: true }))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => path.join(root, 'electron', f));
    const weak =
      /\b(nodeIntegration\w*|webviewTag|allowRunningInsecureContent|experimentalFeatures)\s*:\s*true|\b(contextIsolation|sandbox|webSecurity)\s*:\s*false|unsafe-eval/;
    for (const file of files) {
      const text = await fs.readFile(file, 'utf8');
      expect(weak.test(text), `${file} weakens a security preference`).toBe(false);
      if (/new BrowserWindow\b/.test(text)) expect(path.relative(root, file)).toBe(path.join('electron', 'shell', 'secure-window.ts'));
    }
  });
});
