// `npm run audit:verify [-- --head FILE …] [--export-head FILE]`: checks the audit hash chain of
// the server's data, read the way the server finds it (BATON_DATABASE_URL for PostgreSQL, else the
// SQLite file in BATON_DATA_DIR), with the audit key, anchor and head from the server's secrets
// (BATON_SECRETS_DIR or BATON_AUDIT_KEY). `--head` also checks against heads exported off-site
// (audit/head-export.ts); `--export-head` writes the head of a chain found intact.
// It opens everything read-only: nothing is created, migrated or repaired.
// Exit 0: intact. Exit 1: lists every finding. Exit 2: could not read the log, the secrets or a file.
import { parseArgs } from 'node:util';
import { sqliteFileIn, storageLocationFromEnv } from '../storage/open';
import { chainSecrets } from '../secrets/audit-head';
import { SECRETS } from '../secrets/secrets';
import { readExportedHead, writeExportedHead } from './head-export';
import { openPostgresAudit, openSqliteAudit, type AuditSource } from './read-only';
import { describeResult, verifyAuditChain, type VerifyOptions } from './verify';

async function main(): Promise<number> {
  let source: AuditSource;
  let options: VerifyOptions & { key: Buffer };
  let label: string;
  let exportTo: string | undefined;
  try {
    const { values } = parseArgs({ options: { head: { type: 'string', multiple: true }, 'export-head': { type: 'string' } }, strict: true });
    const where = storageLocationFromEnv();
    label = where.label;
    options = chainSecrets(where.secretsDir, where.secretEnv[SECRETS.auditKey.env]);
    options.exported = (values.head ?? []).map((file) => readExportedHead(file, options.key));
    exportTo = values['export-head'];
    source = where.databaseUrl ? await openPostgresAudit(where.databaseUrl) : openSqliteAudit(sqliteFileIn(where.dataDir));
  } catch (error) {
    console.error(`audit:verify: ${(error as Error).message}`);
    return 2;
  }
  try {
    const result = await verifyAuditChain(source, options);
    console.log(`${describeResult(result, true)}\n(${label})`);
    if (result.ok && exportTo) {
      writeExportedHead(exportTo, options.key, { id: result.lastId, hash: result.lastHash, at: new Date().toISOString() });
      console.log(`Head (entry ${result.lastId}) exported to ${exportTo}: keep it off-site and check later with --head ${exportTo}`);
    }
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`audit:verify: could not read the audit log: ${(error as Error).message}`);
    return 2;
  } finally {
    await source.close();
  }
}

process.exitCode = await main();
