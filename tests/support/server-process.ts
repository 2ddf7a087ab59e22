// Starts the real sync server as a child process, the way `npm run server` does.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { SERVER_ALLOCATOR_ENV } from '../../sync-server/ops/allocator';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** The current process's id (changes with restart()), e.g. to read its memory from /proc. */
  readonly pid: number;
  /** Whether the current process is still running (a crash ends it). */
  readonly alive: boolean;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** Hard crash: no chance to flush anything. */
  kill9(): Promise<void>;
  /** Starts a new process on the same port and data folder. */
  /** Starts it again (stopping it first if it runs) on the same port and data; `env` adds to or overrides its environment from now on. */
  restart(env?: Record<string, string>): Promise<void>;
  /** Everything the current process wrote to stdout and stderr so far (its logs). */
  output(): string;
}

/**
 * A free port below Linux's ephemeral range (32768-60999): while a server under test is down for a
 * restart, an outgoing connection of any process could otherwise take its port as a local port.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function tempDir(prefix = 'baton-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function waitForListening(child: ChildProcess, output: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // Generous: a start waits for this condition, and on a shared, loaded machine the demo seed
    // (argon2 per demo password) was seen to take over a minute.
    const timer = setTimeout(() => {
      // Not left running (its pipes would keep the caller's process alive).
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output.join('')}`));
    }, 180_000);
    // Only the end of what came so far is searched (the marker may straddle two chunks), and only
    // until it is seen: the log itself is joined when someone reads it.
    let tail = '';
    const onData = (chunk: Buffer) => {
      const seen = tail + chunk.toString();
      tail = seen.slice(-50);
      if (seen.includes('listening on')) {
        child.stdout?.off('data', onData);
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.join('')}`));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export interface ServerOptions {
  dataDir?: string;
  env?: Record<string, string>;
  port?: number;
  /** The server bundled into one file (tests/support/bundle.ts) instead of sync-server/main.ts through tsx: starts faster. */
  bundle?: string;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDir();
  const port = options.port ?? (await freePort());
  let child: ChildProcess;
  let output: string[] = [];

  const launch = async () => {
    output = [];
    child = spawn(process.execPath, options.bundle ? [options.bundle] : ['--import', 'tsx', path.join(ROOT, 'sync-server/main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        // As the server is deployed (Dockerfile, systemd unit).
        ...SERVER_ALLOCATOR_ENV,
        BATON_PORT: String(port),
        BATON_DATA_DIR: dataDir,
        BATON_DEMO: '1',
        BATON_STATIC_DIR: path.join(ROOT, 'dist/renderer'),
        // The SLA automation writes to demo tasks on its own schedule; a test that wants it turns it on.
        BATON_SLA_AUTOMATION: '0',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForListening(child, output);
  };
  await launch();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    get pid() {
      return child.pid ?? -1;
    },
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    restart: async (env) => {
      if (env) options.env = { ...options.env, ...env };
      // A running server stops first (SIGTERM): two on one port cannot both listen.
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited(child);
      }
      await launch();
    },
    output: () => output.join(''),
  };
}
