import fs from 'node:fs';
import path from 'node:path';
import type { Storage } from './types';
import { openSqliteStorage } from './sqlite';
import { SECRETS, secretsDirFor } from '../secrets/secrets';
import { databaseId } from '../backup/identity';

export const sqliteFileIn = (dataDir: string) => path.join(dataDir, 'baton.sqlite');

/**
 * Where the command-line tools find the server's data, as the server does: PostgreSQL when
 * BATON_DATABASE_URL is set, else the SQLite file in BATON_DATA_DIR. `label` names it in messages.
 */
export function storageLocationFromEnv(env: NodeJS.ProcessEnv = process.env): {
  dataDir: string;
  databaseUrl?: string;
  label: string;
  secretsDir: string;
  secretEnv: Partial<Record<string, string>>;
} {
  const databaseUrl = env.BATON_DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('BATON_DATABASE_URL must be a postgres:// URL');
  const dataDir = path.resolve(env.BATON_DATA_DIR || '.baton-data');
  const secretsDir = secretsDirFor(dataDir, env.BATON_SECRETS_DIR || undefined);
  const secretEnv = Object.fromEntries(Object.values(SECRETS).map((s) => [s.env, env[s.env] || undefined]));
  return { dataDir, databaseUrl, label: databaseUrl ? 'PostgreSQL' : sqliteFileIn(dataDir), secretsDir, secretEnv };
}

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
