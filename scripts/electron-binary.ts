// Finds the Electron binary without letting its first-run download print into our output.
import { spawnSync } from 'node:child_process';

export type ElectronLookup = { ok: true; path: string } | { ok: false; reason: string };

export function findElectron(cwd: string): ElectronLookup {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status === 0 && result.stdout) return { ok: true, path: result.stdout.trim() };
  return { ok: false, reason: 'the Electron binary is not installed and could not be downloaded' };
}
