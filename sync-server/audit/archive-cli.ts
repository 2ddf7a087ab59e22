// `npm run audit:archive -- --before DATE --out FILE [--force]`: moves the audit entries written
// before DATE to a signed file and out of the database (audit/archive.ts). It runs with the
// server's data, database and secrets, as `audit:verify` does, while the server runs. The stored
// chain must verify first; the file is written and checked before anything is deleted. Entries
// younger than the 6-year retention stay unless --force.
// Exit 0: archived (or nothing to archive). Exit 1: refused (retention, a chain not intact, bad
// arguments). Exit 2: could not read the log, the secrets or write the file.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { chainSecrets } from '../secrets/audit-head';
import { GENESIS_HASH } from '../storage/audit-hash';
import { SECRETS } from '../secrets/secrets';
import { sqliteFileIn } from '../storage/open';
import { storageLocationFromEnv } from '../secrets/data-location';
import type { StoredAuditEntry } from '../storage/types';
import {
  ARCHIVED_THROUGH_SETTING,
  archivable,
  buildArchive,
  decodeArchivedThrough,
  encodeArchivedThrough,
  readArchive,
  retentionCutoff,
  RETENTION_YEARS,
  verifyArchive,
  writeArchive,
} from './archive';
import { removeArchived } from './archive-store';
import { openPostgresAudit, openSqliteAudit, type AuditSource } from './read-only';
import { describeResult, verifyAuditChain } from './verify';

const USAGE = 'usage: npm run audit:archive -- --before YYYY-MM-DD --out FILE [--force]';
const Args = z.object({ before: z.iso.date().or(z.iso.datetime()), out: z.string().min(1), force: z.boolean() });

async function main(): Promise<number> {
  let args: z.infer<typeof Args>;
  try {
    const { values } = parseArgs({
      options: { before: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
      strict: true,
    });
    args = Args.parse(values);
  } catch (error) {
    console.error(
      `audit:archive: ${error instanceof z.ZodError ? error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ') : (error as Error).message}\n${USAGE}`,
    );
    return 1;
  }
  const now = new Date();
  const before = new Date(args.before.length === 10 ? `${args.before}T00:00:00Z` : args.before);
  if (before > retentionCutoff(now) && !args.force) {
    console.error(
      `audit:archive: refused: entries are kept ${RETENTION_YEARS} years; ${before.toISOString().slice(0, 10)} is after ${retentionCutoff(now).toISOString().slice(0, 10)}. ` +
        'Archive before an earlier date, or add --force if your retention rules allow it. Nothing was changed.',
    );
    return 1;
  }

  let source: AuditSource;
  let secrets: ReturnType<typeof chainSecrets>;
  const where = storageLocationFromEnv();
  try {
    secrets = chainSecrets(where.secretsDir, where.secretEnv[SECRETS.auditKey.env]);
    source = where.databaseUrl ? await openPostgresAudit(where.databaseUrl) : openSqliteAudit(sqliteFileIn(where.dataDir));
  } catch (error) {
    console.error(`audit:archive: ${(error as Error).message}`);
    return 2;
  }
  let archive;
  try {
    const recorded = await source.setting(ARCHIVED_THROUGH_SETTING);
    const start = recorded ? decodeArchivedThrough(recorded, secrets.key) : undefined;
    const checked = await verifyAuditChain(source, { ...secrets, start });
    if (!checked.ok) {
      console.error(`audit:archive: refused: the stored chain does not verify, nothing was changed.\n${describeResult(checked, true)}`);
      return 1;
    }
    const entries: StoredAuditEntry[] = [];
    for (let afterId = start?.id ?? 0; ;) {
      const page = await source.readAudit({ afterId, limit: 1000 });
      const old = archivable(page, before);
      entries.push(...old);
      if (old.length < page.length || page.length === 0) break;
      afterId = page[page.length - 1].id;
    }
    if (entries.length === 0) {
      console.log(`Nothing to archive: no entry older than ${before.toISOString()}.`);
      return 0;
    }
    archive = buildArchive(entries, start ?? { id: 0, hash: GENESIS_HASH }, before, now);
  } catch (error) {
    console.error(`audit:archive: could not read the audit log: ${(error as Error).message}`);
    return 2;
  } finally {
    await source.close();
  }
  try {
    writeArchive(args.out, secrets.key, archive);
    // What is on disk must verify before anything leaves the database.
    const findings = await verifyArchive(readArchive(args.out, secrets.key), secrets);
    if (findings.length > 0) throw new Error(`the written archive does not verify: ${findings.map((f) => f.problem).join('; ')}`);
  } catch (error) {
    console.error(`audit:archive: ${(error as Error).message}; nothing was removed from the database`);
    return 2;
  }
  const removed = await removeArchived(
    { sqliteFile: sqliteFileIn(where.dataDir), databaseUrl: where.databaseUrl },
    archive.end,
    encodeArchivedThrough(secrets.key, archive.end),
  );
  console.log(
    `Archived ${archive.count} audit entries (ids ${archive.entries[0].id}-${archive.end.id}, before ${archive.before}) to ${args.out}; ${removed} removed from ${where.label}.\n` +
      `The file holds patient data: store it as such, off-site, for the rest of its retention. Check it with: npm run audit:verify -- --archive ${args.out}`,
  );
  return 0;
}

process.exitCode = await main();
