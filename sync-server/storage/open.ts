import fs from 'node:fs';
import path from 'node:path';
import type { Storage } from './types';
import { openSqliteStorage } from './sqlite';

/** PostgreSQL when a database URL is given, else SQLite in the data folder. */
export async function openStorage(options: { dataDir: string; databaseUrl?: string }): Promise<Storage> {
  if (options.databaseUrl) {
    const { openPostgresStorage } = await import('./postgres');
    const storage = await openPostgresStorage({ connectionString: options.databaseUrl });
    await storage.migrate();
    return storage;
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const storage = await openSqliteStorage({ file: path.join(options.dataDir, 'baton.sqlite') });
  await storage.migrate();
  return storage;
}
