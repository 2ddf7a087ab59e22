// `npm run audit:verify [-- --head FILE …] [--export-head FILE]`: checks the audit hash chain of
// the server's data, read the way the server finds it (BATON_DATABASE_URL for PostgreSQL, else the
// SQLite file in BATON_DATA_DIR), with the audit key, anchor and head from the server's secrets
// (BATON_SECRETS_DIR or BATON_AUDIT_KEY). `--head` also checks against heads exported off-site
// (audit/head-export.ts); `--export-head` writes the head of a chain found intact. `--archive FILE`
// checks archives made by `audit:archive` (signature, their own chain) and that the stored chain
// continues from the newest; without it, a chain that starts after archived entries is checked from
// the recorded start (MAC'd with the audit key).
// It opens everything read-only: nothing is created, migrated or repaired.
// Exit 0: intact. Exit 1: lists every finding. Exit 2: could not read the log, the secrets or a file.
import { parseArgs } from 'node:util';
import { sqliteFileIn } from '../storage/open';
import { storageLocationFromEnv } from '../secrets/data-location';
import { chainSecrets } from '../secrets/audit-head';
import { SECRETS } from '../secrets/secrets';
import { readExportedHead, writeExportedHead } from './head-export';
import { openPostgresAudit, openSqliteAudit, type AuditSource } from './read-only';
import { describeResult, verifyAuditChain, type Finding, type VerifyOptions } from './verify';
import { ARCHIVED_THROUGH_SETTING, decodeArchivedThrough, readArchive, verifyArchive, type AuditArchive } from './archive';

async function main(): Promise<number> {
  let source: AuditSource;
  let options: VerifyOptions & { key: Buffer };
  let label: string;
  let exportTo: string | undefined;
  let archives: { file: string; archive: AuditArchive }[];
  try {
    const { values } = parseArgs({
      options: { head: { type: 'string', multiple: true }, 'export-head': { type: 'string' }, archive: { type: 'string', multiple: true } },
      strict: true,
    });
    const where = storageLocationFromEnv();
    label = where.label;
    options = chainSecrets(where.secretsDir, where.secretEnv[SECRETS.auditKey.env]);
    options.exported = (values.head ?? []).map((file) => readExportedHead(file, options.key));
    exportTo = values['export-head'];
    archives = (values.archive ?? [])
      .map((file) => ({ file, archive: readArchive(file, options.key) }))
      .sort((x, y) => x.archive.end.id - y.archive.end.id);
    source = where.databaseUrl ? await openPostgresAudit(where.databaseUrl) : openSqliteAudit(sqliteFileIn(where.dataDir));
  } catch (error) {
    console.error(`audit:verify: ${(error as Error).message}`);
    return 2;
  }
  try {
    const archiveFindings: Finding[] = [];
    const recorded = await source.setting(ARCHIVED_THROUGH_SETTING);
    try {
      if (recorded) options.start = decodeArchivedThrough(recorded, options.key);
    } catch (error) {
      archiveFindings.push({ problem: (error as Error).message });
    }
    for (const [i, { file, archive }] of archives.entries()) {
      for (const f of await verifyArchive(archive, options)) archiveFindings.push({ ...f, problem: `in ${file}: ${f.problem}` });
      const previous = archives[i - 1]?.archive;
      if (previous && (previous.end.id !== archive.start.id || previous.end.hash !== archive.start.hash)) {
        archiveFindings.push({ problem: `${file} does not continue from ${archives[i - 1].file} (entries between them are missing)` });
      }
    }
    const newest = archives[archives.length - 1]?.archive;
    if (newest && (newest.end.id !== options.start?.id || newest.end.hash !== options.start?.hash)) {
      archiveFindings.push({
        problem: `the stored chain does not continue from the archive's last entry ${newest.end.id} (it starts after ${options.start?.id ?? 0})`,
      });
    }
    const chain = await verifyAuditChain(source, options);
    const result = { ...chain, ok: chain.ok && archiveFindings.length === 0, findings: [...archiveFindings, ...chain.findings] };
    console.log(`${describeResult(result, true)}\n(${label})`);
    if (options.start && result.ok) {
      console.log(
        archives.length > 0
          ? `Archives checked: ${archives.map((a) => `${a.file} (${a.archive.count} entries)`).join(', ')}; the stored chain continues from entry ${options.start.id}.`
          : `Entries up to ${options.start.id} are archived: check those files with --archive FILE.`,
      );
    }
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
