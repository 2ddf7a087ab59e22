// The real Baton sync server as a child process on a fresh data folder, removed afterwards.
import fs from 'node:fs';
import { startServer, tempDir, type RunningServer } from '../../tests/support/server-process';

export async function startBatonServer(env: Record<string, string> = {}): Promise<RunningServer & { dispose(): Promise<void> }> {
  const dataDir = tempDir('baton-bench-');
  const server = await startServer({ dataDir, env });
  return {
    ...server,
    dispose: async () => {
      await server.stop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
