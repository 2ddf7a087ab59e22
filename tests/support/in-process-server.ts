// The real server in this process, listening on a free loopback port, on a fresh SQLite folder or
// a fresh PostgreSQL database: for tests that also look at its storage or inject a test hook.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServer, type BatonServer, type ServerOptions } from '../../sync-server/app';
import { loadConfig } from '../../sync-server/config';
import { dropPostgresDatabase, freshPostgresUrl } from '../../sync-server/storage/test-postgres';

export interface InProcessServer {
  server: BatonServer;
  base: string;
  /** Where its data is: the SQLite folder (and secrets beside it), the PostgreSQL database's URL. */
  dataDir: string;
  pgUrl?: string;
  close(): Promise<void>;
}

export async function startInProcess(
  kind: 'sqlite' | 'postgres',
  options: ServerOptions = {},
  env: Record<string, string> = {},
): Promise<InProcessServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-in-process-'));
  const pgUrl = kind === 'postgres' ? await freshPostgresUrl() : undefined;
  const server = await createServer(
    loadConfig({
      BATON_DATA_DIR: dataDir,
      BATON_DEMO: '1',
      BATON_STATIC_DIR: '/nonexistent',
      ...(pgUrl ? { BATON_DATABASE_URL: pgUrl } : {}),
      ...env,
    }),
    options,
  );
  const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    server,
    base,
    dataDir,
    pgUrl,
    close: async () => {
      await server.close();
      if (pgUrl) await dropPostgresDatabase(pgUrl);
    },
  };
}
