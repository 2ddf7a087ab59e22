import fs from 'node:fs';
import path from 'node:path';
import type { Storage } from './types';
import { openSqliteStorage } from './sqlite';
import { databaseId } from './identity';

export const sqliteFileIn = (dataDir: string) => path.join(dataDir, 'baton.sqlite');

/**
 * PostgreSQL when a database URL is given, else SQLite in the data folder; migrated to this code's
 * schema (refused with a SchemaTooNewError when a newer release upgraded it).
 */
export async function openStorage(options: { dataDir: string; databaseUrl?: string }): Promise<Storage> {
  let storage: Storage;
  if (options.databaseUrl) {
    const { openPostgresStorage } = await import('./postgres');
    storage = await openPostgresStorage({ connectionString: options.databaseUrl });
  } else {
    fs.mkdirSync(options.dataDir, { recursive: true });
    storage = await openSqliteStorage({ file: sqliteFileIn(options.dataDir) });
  }
  try {
    await storage.migrate();
    // Made at creation (or at the first start of a release with identities); renewed by a restore.
    await databaseId(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}
