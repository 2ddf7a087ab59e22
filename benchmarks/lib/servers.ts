// The real Baton sync server as a child process on a fresh data folder, removed afterwards.
import fs from 'node:fs';
import { startServer, tempDir, type RunningServer } from '../../tests/support/server-process';

/** Every server process still running, so a scenario that timed out cannot leave one behind. */
const running = new Set<() => Promise<void>>();

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((stop) => stop().catch(() => undefined)));
}

export function trackServer(stop: () => Promise<void>): () => Promise<void> {
  const once = async () => {
    if (!running.delete(once)) return;
    await stop();
  };
  running.add(once);
  return once;
}

export async function startBatonServer(env: Record<string, string> = {}): Promise<RunningServer & { dispose(): Promise<void> }> {
  const dataDir = tempDir('baton-bench-');
  const server = await startServer({ dataDir, env });
  const dispose = trackServer(async () => {
    await server.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { ...server, dispose };
}
