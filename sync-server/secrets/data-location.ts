// Where the command-line tools find the server's data and secrets, from the same variables the server reads.
import path from 'node:path';
import { sqliteFileIn } from '../storage/open';
import { SECRETS, secretsDirFor } from './secrets';

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
