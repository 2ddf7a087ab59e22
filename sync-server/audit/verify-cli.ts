// `npm run audit:verify`: checks the audit hash chain of the server's data, read the way the
// server finds it (BATON_DATABASE_URL for PostgreSQL, else the SQLite file in BATON_DATA_DIR).
// Exit 0: intact. Exit 1: names the first altered entry. Exit 2: could not read the log.
import fs from 'node:fs';
import { openPostgresStorage } from '../storage/postgres';
import { sqliteFileIn, storageLocationFromEnv } from '../storage/open';
import { openSqliteStorage } from '../storage/sqlite';
import type { Storage } from '../storage/types';
import { describeResult, verifyAuditChain } from './verify';

/** Opens what exists, without creating or migrating anything: the check only reads. */
async function open(): Promise<{ storage: Storage; label: string }> {
  const { dataDir, databaseUrl, label } = storageLocationFromEnv();
  if (databaseUrl) return { storage: await openPostgresStorage({ connectionString: databaseUrl, poolSize: 2 }), label };
  const file = sqliteFileIn(dataDir);
  if (!fs.existsSync(file)) throw new Error(`no Baton database at ${file} (set BATON_DATA_DIR to the server's data folder)`);
  return { storage: await openSqliteStorage({ file }), label };
}

async function main(): Promise<number> {
  let opened;
  try {
    opened = await open();
  } catch (error) {
    console.error(`audit:verify: ${(error as Error).message}`);
    return 2;
  }
  try {
    const result = await verifyAuditChain(opened.storage);
    console.log(`${describeResult(result)}\n(${opened.label})`);
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`audit:verify: could not read the audit log: ${(error as Error).message}`);
    return 2;
  } finally {
    await opened.storage.close();
  }
}

process.exitCode = await main();
