// Starts RxDB's websocket reference server (benchmarks/reference/server.ts) as a child process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../tests/support/server-process';
import { trackServer } from './servers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ReferenceServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startReferenceServer(options: { seedCount?: number } = {}): Promise<ReferenceServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'benchmarks/reference/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_PORT: String(port), BENCH_SEED_COUNT: String(options.seedCount ?? 0) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reference server did not start:\n${output.join('')}`)), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.join('').includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`reference server exited with ${code}:\n${output.join('')}`));
    });
  });
  return {
    url: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: trackServer(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }),
  };
}
