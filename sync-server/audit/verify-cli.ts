// `npm run audit:verify`: checks the audit hash chain of the server's data, read the way the
// server finds it (BATON_DATABASE_URL for PostgreSQL, else the SQLite file in BATON_DATA_DIR), with
// the audit key, anchor and head from the server's secrets (BATON_SECRETS_DIR or BATON_AUDIT_KEY).
// It opens everything read-only: nothing is created, migrated or repaired.
// Exit 0: intact. Exit 1: lists every finding. Exit 2: could not read the log or the secrets.
import { sqliteFileIn, storageLocationFromEnv } from '../storage/open';
import { chainSecrets } from '../secrets/audit-head';
import { SECRETS } from '../secrets/secrets';
import { openPostgresAudit, openSqliteAudit, type AuditSource } from './read-only';
import { describeResult, verifyAuditChain, type VerifyOptions } from './verify';

async function main(): Promise<number> {
  let source: AuditSource;
  let options: VerifyOptions;
  let label: string;
  try {
    const where = storageLocationFromEnv();
    label = where.label;
    options = chainSecrets(where.secretsDir, where.secretEnv[SECRETS.auditKey.env]);
    source = where.databaseUrl ? await openPostgresAudit(where.databaseUrl) : openSqliteAudit(sqliteFileIn(where.dataDir));
  } catch (error) {
    console.error(`audit:verify: ${(error as Error).message}`);
    return 2;
  }
  try {
    const result = await verifyAuditChain(source, options);
    console.log(`${describeResult(result, true)}\n(${label})`);
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`audit:verify: could not read the audit log: ${(error as Error).message}`);
    return 2;
  } finally {
    await source.close();
  }
}

process.exitCode = await main();
