// `npm run restore`: puts a backup back, with the server stopped. SQLite: the file is replaced (the
// one it replaces is kept beside it); PostgreSQL: pg_restore --clean in one transaction into the
// configured database. Then the restored database gets a new identity and its sequence moves on
// past the stretch the restore erased (identity.ts), the audit chain's recorded head is set to the
// restored log's head, and the restore itself is the first new audit entry.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { recordAudit } from '../audit/record';
import { sqliteFileIn } from '../storage/open';
import { withConnection } from '../storage/sql/connect';
import { putSetting, readAuditHead, readSeq, readSetting } from '../storage/sql/queries';
import type { Dialect, Sql } from '../storage/sql/sql';
import { openKeyedStorage, type KeyedLocation } from '../secrets/open-keyed';
import { HEAD_FILE, readChainPoint } from '../secrets/audit-head';
import { readSecretFile, replaceSecretFile, SECRETS } from '../secrets/secrets';
import { GENESIS_HASH, type ChainPoint } from '../storage/audit-hash';
import { PART_DATABASE, extractPart, openArchive, secretPart, type Manifest } from './archive';
import { DATABASE_ID_KEY, DatabaseId, newDatabaseId, RESTORE_SEQ_GAP, RESTORES_KEY, RestorePoint } from '../storage/identity';
import { assertServerStopped } from './server-lock';

const run = promisify(execFile);

export interface RestoreSummary {
  manifest: Manifest;
  databaseId: string;
  previousDatabaseId?: string;
  /** The backup's last seq, and where the sequence goes on from. */
  seq: number;
  resumeAt: number;
  secretsRestored: string[];
  /** SQLite: where the replaced database file was kept. */
  keptAs?: string;
  /** The audit head recorded before the restore (entries after the backup's head are gone). */
  previousAuditHead?: ChainPoint;
  auditHead: ChainPoint;
}

/** What the restored database gets: a new identity, a restore point, the sequence moved on. */
function renewal(
  seq: number,
  storedRestores: string | undefined,
  previous: string | undefined,
): { id: string; point: RestorePoint; restores: string } {
  const id = newDatabaseId();
  const point = RestorePoint.parse({
    seq,
    resumeAt: seq + RESTORE_SEQ_GAP,
    at: new Date().toISOString(),
    databaseId: id,
    ...(previous && DatabaseId.safeParse(previous).success ? { previousDatabaseId: previous } : {}),
  });
  const earlier = storedRestores ? RestorePoint.array().safeParse(JSON.parse(storedRestores)) : undefined;
  return { id, point, restores: JSON.stringify([...(earlier?.success ? earlier.data : []), point]) };
}

interface Renewed {
  id: string;
  point: RestorePoint;
  previous?: string;
  /** The restored audit log's newest entry. */
  auditHead: ChainPoint;
}

/** In one transaction: the renewal stored, the sequence moved on, and the restored log's head read. */
async function renew(sql: Sql, dialect: Dialect): Promise<Renewed> {
  const previous = await readSetting(sql, DATABASE_ID_KEY);
  // Locked (PostgreSQL) so nothing takes a seq between the read and the move.
  const seq = await readSeq(sql, dialect, true);
  const { id, point, restores } = renewal(seq, await readSetting(sql, RESTORES_KEY), previous);
  await sql.run(dialect.setSeq, [point.resumeAt]);
  await putSetting(sql, DATABASE_ID_KEY, id);
  await putSetting(sql, RESTORES_KEY, restores);
  const auditHead = (await readAuditHead(sql)) ?? { id: 0, hash: GENESIS_HASH };
  return { id, point, previous, auditHead };
}

/** The server needs every secret it had: from the environment, the folder, or the backup. */
function missingSecrets(where: KeyedLocation, fromBackup: Set<string>): string[] {
  return Object.values(SECRETS)
    .filter((s) => !where.secretEnv[s.env] && !fromBackup.has(s.file) && readSecretFile(where.secretsDir, s.file) === undefined)
    .map((s) => s.file);
}

export async function restoreBackup(
  where: KeyedLocation,
  file: string,
  options: { includeSecrets?: boolean } = {},
): Promise<RestoreSummary> {
  // Everything is checked before anything changes.
  const archive = await openArchive(file);
  const { manifest } = archive;
  const kind = where.databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.kind !== kind) {
    throw new Error(
      `${file} is a ${manifest.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup, but this server is configured for ${kind === 'sqlite' ? 'SQLite (BATON_DATA_DIR)' : 'PostgreSQL (BATON_DATABASE_URL)'}`,
    );
  }
  const secretParts = manifest.parts.filter((p) => p.name.startsWith('secrets/')).map((p) => p.name.slice('secrets/'.length));
  const restoringSecrets = options.includeSecrets ? secretParts : [];
  if (options.includeSecrets && secretParts.length === 0)
    throw new Error(`${file} holds no secrets (it was made without --include-secrets)`);
  const missing = missingSecrets(where, new Set(restoringSecrets));
  if (missing.length > 0) {
    throw new Error(
      `the secrets folder ${where.secretsDir} lacks ${missing.join(', ')}: put back IT's copy of the secrets folder first` +
        (secretParts.length ? ' (or pass --include-secrets: this backup holds them)' : '') +
        '. New secrets would sign everyone out and leave escrowed replica keys unreadable.',
    );
  }
  await assertServerStopped(where);

  const work = fs.mkdtempSync(
    path.join(where.databaseUrl ? fs.realpathSync(process.env.TMPDIR || '/tmp') : ensureDir(where.dataDir), '.baton-restore-'),
  );
  try {
    const copy = path.join(work, 'database');
    await extractPart(file, archive, PART_DATABASE, copy);
    let renewed: Renewed;
    let keptAs: string | undefined;
    if (where.databaseUrl) {
      try {
        await run(
          'pg_restore',
          ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '--dbname', where.databaseUrl, copy],
          {
            maxBuffer: 16 * 1024 * 1024,
          },
        );
      } catch (error) {
        const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
        throw new Error(`pg_restore failed; the database is as it was: ${detail}`, { cause: error });
      }
      renewed = await withConnection({ url: where.databaseUrl }, 'baton-restore', renew, { transaction: true });
    } else {
      // The copy is renewed before it goes in, so the swap installs a finished database.
      renewed = await withConnection({ file: copy }, 'baton-restore', renew, { transaction: true });
      const target = sqliteFileIn(where.dataDir);
      if (fs.existsSync(target)) {
        keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        // The write-ahead log belongs to the file it was written for: it moves with it.
        for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, keptAs + suffix);
      }
      fs.renameSync(copy, target);
    }
    for (const name of restoringSecrets) {
      const temporary = path.join(work, `secret-${name}`);
      await extractPart(file, archive, secretPart(name), temporary);
      replaceSecretFile(where.secretsDir, name, fs.readFileSync(temporary, 'utf8'));
    }
    // The restored log is the chain from now on: its head replaces the one recorded (which named
    // entries the restore removed; heads exported off-site still show that they existed).
    const previousAuditHead = readChainPoint(where.secretsDir, HEAD_FILE);
    replaceSecretFile(where.secretsDir, HEAD_FILE, JSON.stringify(renewed.auditHead));
    const { storage } = await openKeyedStorage(where);
    let auditHead: ChainPoint;
    try {
      await recordAudit(storage, {
        actorId: '',
        workstationId: 'restore-cli',
        action: 'restore',
        collection: 'database',
        docId: renewed.id,
        before: { databaseId: renewed.previous ?? null, auditHead: previousAuditHead ?? null },
        after: { databaseId: renewed.id, backupCreatedAt: manifest.createdAt, seq: renewed.point.seq, resumeAt: renewed.point.resumeAt },
        reason: `restored from the backup made ${manifest.createdAt}`,
      });
      auditHead = (await storage.auditHead())!;
    } finally {
      await storage.close();
    }
    return {
      manifest,
      databaseId: renewed.id,
      previousDatabaseId: renewed.previous,
      seq: renewed.point.seq,
      resumeAt: renewed.point.resumeAt,
      secretsRestored: restoringSecrets,
      keptAs,
      previousAuditHead,
      auditHead,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
