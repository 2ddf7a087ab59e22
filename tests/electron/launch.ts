// Starts the built desktop app (dist/electron/main.cjs) with its own user-data folder and
// workstation file, through Playwright's Electron driver.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import { tempDir } from '../support/server-process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LaunchOptions {
  /** The workstation file's content; a string is written as is (to test a broken file). */
  machineConfig: object | string | null;
  args?: string[];
}

export async function launchBaton(options: LaunchOptions): Promise<{ app: ElectronApplication; userData: string; machineFile: string }> {
  const executablePath = process.env.BATON_ELECTRON_BINARY;
  if (!executablePath) throw new Error('BATON_ELECTRON_BINARY is not set: run this suite with npm run test:electron');
  const dir = tempDir('baton-electron-');
  const userData = path.join(dir, 'user-data');
  const machineFile = path.join(dir, 'baton-workstation.json');
  if (options.machineConfig !== null) {
    fs.writeFileSync(machineFile, typeof options.machineConfig === 'string' ? options.machineConfig : JSON.stringify(options.machineConfig));
  }
  const env = { ...process.env, BATON_MACHINE_CONFIG: machineFile, BATON_USER_DATA_DIR: userData } as Record<string, string>;
  delete env.BATON_SERVER_URL;
  const app = await _electron.launch({
    executablePath,
    args: [
      path.join(root, 'dist/electron/main.cjs'),
      // Chromium refuses its OS sandbox when run as root (CI containers); the renderer sandbox still applies.
      ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ...(options.args ?? []),
    ],
    env,
    timeout: 60_000,
  });
  return { app, userData, machineFile };
}
