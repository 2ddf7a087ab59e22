// `npm run backup`: a consistent copy of the server's database while it runs, in one file.
// SQLite: the online backup API (pages copied from a read connection; WAL lets the server keep
// writing meanwhile). PostgreSQL: pg_dump in its custom format (one snapshot). The secrets folder
// goes in only when asked for: a backup usually travels where the secrets must not.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { sqliteFileIn } from '../storage/open';
import { withConnection } from '../storage/sql/connect';
import { readSeq, readSetting } from '../storage/sql/queries';
import type { Dialect, Sql } from '../storage/sql/sql';
import { DATABASE_ID_KEY } from '../storage/identity';
import { PART_DATABASE, secretPart, writeArchive, type Manifest } from './archive';

const run = promisify(execFile);

export interface BackupWhere {
  dataDir: string;
  databaseUrl?: string;
  secretsDir: string;
}

interface Facts {
  databaseId?: string;
  seq: number;
  schemaVersion: number;
}

/** What the manifest records of the copied database, read the same way from either kind. */
async function readFacts(sql: Sql, dialect: Dialect): Promise<Facts> {
  const databaseId = await readSetting(sql, DATABASE_ID_KEY);
  return { databaseId, seq: await readSeq(sql, dialect), schemaVersion: Number((await readSetting(sql, 'schema_version')) ?? 0) };
}

/** The secret files to include (the server's own, not temporary files of a write in progress). */
function secretFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new Error(`no secrets folder at ${dir} (set BATON_SECRETS_DIR)`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.tmp') && /^[A-Za-z0-9._-]{1,100}$/.test(e.name))
    .map((e) => e.name)
    .sort();
}

export async function makeBackup(where: BackupWhere, out: string, options: { includeSecrets?: boolean } = {}): Promise<Manifest> {
  const target = path.resolve(out);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Work files beside the target: same file system, so the final rename is atomic.
  const work = fs.mkdtempSync(path.join(path.dirname(target), '.baton-backup-'));
  try {
    const copy = path.join(work, 'database');
    let facts: Facts;
    if (where.databaseUrl) {
      facts = await withConnection({ url: where.databaseUrl }, 'baton-backup', readFacts);
      try {
        await run('pg_dump', ['--format=custom', '--no-owner', '--file', copy, '--dbname', where.databaseUrl], {
          maxBuffer: 16 * 1024 * 1024,
        });
      } catch (error) {
        const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
        throw new Error(`pg_dump failed (it must be installed, as new as the PostgreSQL server): ${detail}`, { cause: error });
      }
    } else {
      const file = sqliteFileIn(where.dataDir);
      if (!fs.existsSync(file)) throw new Error(`no database at ${file} (set BATON_DATA_DIR)`);
      const source = new Database(file, { readonly: true, fileMustExist: true });
      try {
        source.pragma('busy_timeout = 5000');
        await source.backup(copy);
      } finally {
        source.close();
      }
      facts = await withConnection({ file: copy }, 'baton-backup', readFacts, { readonly: true });
    }
    const parts = [{ name: PART_DATABASE, file: copy }];
    if (options.includeSecrets) {
      for (const name of secretFiles(where.secretsDir)) parts.push({ name: secretPart(name), file: path.join(where.secretsDir, name) });
    }
    return await writeArchive(
      target,
      { kind: where.databaseUrl ? 'postgres' : 'sqlite', createdAt: new Date().toISOString(), ...facts },
      parts,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
