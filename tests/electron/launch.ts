// Starts the built desktop app (dist/electron/main.cjs) with its own user-data folder and
// workstation file, through Playwright's Electron driver.
import { spawn } from 'node:child_process';
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
    fs.writeFileSync(
      machineFile,
      typeof options.machineConfig === 'string' ? options.machineConfig : JSON.stringify(options.machineConfig),
    );
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

/**
 * Runs the desktop app as a deployment script does (`Baton --enroll=TOKEN --name=NAME`): no window,
 * one line on the console, the exit code. Returns them and the workstation file as it is afterwards.
 */
export async function runBatonCommand(
  options: LaunchOptions,
): Promise<{ code: number | null; output: string; machineFile: string; machine: unknown }> {
  const executablePath = process.env.BATON_ELECTRON_BINARY;
  if (!executablePath) throw new Error('BATON_ELECTRON_BINARY is not set: run this suite with npm run test:electron');
  const dir = tempDir('baton-electron-cmd-');
  const machineFile = path.join(dir, 'baton-workstation.json');
  if (options.machineConfig !== null) {
    fs.writeFileSync(
      machineFile,
      typeof options.machineConfig === 'string' ? options.machineConfig : JSON.stringify(options.machineConfig),
    );
  }
  const env = { ...process.env, BATON_MACHINE_CONFIG: machineFile, BATON_USER_DATA_DIR: path.join(dir, 'user-data') } as Record<
    string,
    string
  >;
  delete env.BATON_SERVER_URL;
  const args = [
    path.join(root, 'dist/electron/main.cjs'),
    ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...(options.args ?? []),
  ];
  const child = spawn(executablePath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => (child.kill(), reject(new Error(`no exit within 60 s: ${output}`))), 60_000);
    child.on('exit', (exitCode) => (clearTimeout(timer), resolve(exitCode)));
  });
  const machine = fs.existsSync(machineFile) ? (JSON.parse(fs.readFileSync(machineFile, 'utf8')) as unknown) : null;
  return { code, output, machineFile, machine };
}
