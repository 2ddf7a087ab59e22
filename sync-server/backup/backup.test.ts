// Backup files and restores without a server: what a restore renews, and every reason it refuses
// before changing anything (a damaged file, the other database kind, missing secrets, a server
// that runs). SQLite and PostgreSQL (PostgreSQL must be running: BATON_TEST_PG=1 scripts/ensure-postgres.sh).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKeyedStorage, type KeyedLocation } from '../secrets/open-keyed';
import { secretsDirFor } from '../secrets/secrets';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import { makeBackup } from './backup';
import { openArchive } from './archive';
import { databaseId, RESTORE_SEQ_GAP, restorePoints } from '../storage/identity';
import { restoreBackup } from './restore';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function location(kind: 'sqlite' | 'postgres'): Promise<KeyedLocation> {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baton-backup-')), 'data');
  const databaseUrl = kind === 'postgres' ? await freshPostgresUrl() : undefined;
  if (databaseUrl) cleanup.push(() => dropPostgresDatabase(databaseUrl));
  return { dataDir, databaseUrl, secretsDir: secretsDirFor(dataDir), secretEnv: {} };
}

/** A database with one document written at seq 1, and its identity. */
async function seeded(where: KeyedLocation): Promise<string> {
  const { storage } = await openKeyedStorage(where);
  try {
    await storage.write(async (tx) => {
      const seq = await tx.nextSeq();
      await tx.putDoc({ collection: 'tasks', id: 'kept', seq, deleted: false, data: { id: 'kept', rev: seq }, buckets: ['b'] }, []);
    });
    return await databaseId(storage);
  } finally {
    await storage.close();
  }
}

const backupFile = (where: KeyedLocation, name = 'baton.backup') => path.join(path.dirname(where.dataDir), name);

describe.each(['sqlite', 'postgres'] as const)('restore on %s', (kind) => {
  it('puts the backup back under a new identity, past the lost stretch of sequence numbers, audited', async () => {
    const where = await location(kind);
    const before = await seeded(where);
    const file = backupFile(where);
    const manifest = await makeBackup(where, file);
    expect(manifest).toMatchObject({ kind, databaseId: before, seq: 1 });
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('.tmp') || f.startsWith('.baton-backup-'))).toEqual([]);

    // Written after the backup: gone after the restore.
    const { storage: later } = await openKeyedStorage(where);
    await later.write(async (tx) => {
      const seq = await tx.nextSeq();
      await tx.putDoc({ collection: 'tasks', id: 'lost', seq, deleted: false, data: { id: 'lost', rev: seq }, buckets: ['b'] }, []);
    });
    await later.close();

    const done = await restoreBackup(where, file);
    expect(done).toMatchObject({ previousDatabaseId: before, seq: 1, resumeAt: 1 + RESTORE_SEQ_GAP });
    const { storage } = await openKeyedStorage(where);
    try {
      expect(await storage.getDoc('tasks', 'kept')).toBeDefined();
      expect(await storage.getDoc('tasks', 'lost')).toBeUndefined();
      expect(await databaseId(storage)).toBe(done.databaseId);
      expect(done.databaseId).not.toBe(before);
      expect(await storage.currentSeq()).toBe(1 + RESTORE_SEQ_GAP);
      expect(await restorePoints(storage)).toMatchObject([
        { seq: 1, resumeAt: 1 + RESTORE_SEQ_GAP, databaseId: done.databaseId, previousDatabaseId: before },
      ]);
      const audit = await storage.readAudit({ afterId: 0, limit: 100 });
      expect(audit.at(-1)).toMatchObject({ action: 'restore', docId: done.databaseId, workstationId: 'restore-cli' });
    } finally {
      await storage.close();
    }
  });

  it('refuses while a server runs, and changes nothing', async () => {
    const where = await location(kind);
    const before = await seeded(where);
    const file = backupFile(where);
    await makeBackup(where, file);
    // A live process recorded as the server (the check skips its own pid: the parent's stands in).
    fs.mkdirSync(where.dataDir, { recursive: true });
    fs.writeFileSync(path.join(where.dataDir, 'baton-server.pid'), `${process.ppid}\n`);
    await expect(restoreBackup(where, file)).rejects.toThrow(/the Baton server is running/);
    fs.rmSync(path.join(where.dataDir, 'baton-server.pid'));
    if (kind === 'postgres') {
      const { storage } = await openKeyedStorage(where);
      await expect(restoreBackup(where, file)).rejects.toThrow(/Baton connection/);
      await storage.close();
    }
    const { storage } = await openKeyedStorage(where);
    expect(await databaseId(storage)).toBe(before);
    await storage.close();
  });
});

describe('backup files', () => {
  it('a damaged file is refused before anything changes', async () => {
    const where = await location('sqlite');
    const before = await seeded(where);
    const file = backupFile(where);
    await makeBackup(where, file);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(file, bytes);
    await expect(restoreBackup(where, file)).rejects.toThrow(/checksum: the backup is damaged/);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 10));
    await expect(restoreBackup(where, file)).rejects.toThrow(/incomplete/);
    fs.writeFileSync(file, 'not a backup');
    await expect(restoreBackup(where, file)).rejects.toThrow(/not a Baton backup/);
    const { storage } = await openKeyedStorage(where);
    expect(await databaseId(storage)).toBe(before);
    await storage.close();
  });

  it('a SQLite backup is not restored into PostgreSQL', async () => {
    const where = await location('sqlite');
    await seeded(where);
    const file = backupFile(where);
    await makeBackup(where, file);
    const pg = await location('postgres');
    await expect(restoreBackup({ ...pg, secretsDir: where.secretsDir }, file)).rejects.toThrow(
      /is a SQLite backup, but this server is configured for PostgreSQL/,
    );
  });

  it('ships the secrets only when asked, and restores them only when asked', async () => {
    const where = await location('sqlite');
    await seeded(where);
    const plain = backupFile(where, 'plain.backup');
    const manifest = await makeBackup(where, plain);
    expect(manifest.parts.map((p) => p.name)).toEqual(['database']);
    const withSecrets = backupFile(where, 'with-secrets.backup');
    const full = await makeBackup(where, withSecrets, { includeSecrets: true });
    expect(full.parts.map((p) => p.name)).toEqual(
      expect.arrayContaining(['database', 'secrets/token-secret', 'secrets/key-escrow-secret', 'secrets/audit-key']),
    );
    expect((await openArchive(withSecrets)).manifest.parts.length).toBe(full.parts.length);

    // The machine lost its secrets folder: a backup without them is refused, saying what to do.
    const original = fs.readFileSync(path.join(where.secretsDir, 'key-escrow-secret'), 'utf8');
    fs.rmSync(where.secretsDir, { recursive: true });
    await expect(restoreBackup(where, plain)).rejects.toThrow(/lacks .*key-escrow-secret.*put back IT's copy/);
    await expect(restoreBackup(where, plain, { includeSecrets: true })).rejects.toThrow(/holds no secrets/);
    await expect(restoreBackup(where, withSecrets)).rejects.toThrow(/or pass --include-secrets/);
    await restoreBackup(where, withSecrets, { includeSecrets: true });
    expect(fs.readFileSync(path.join(where.secretsDir, 'key-escrow-secret'), 'utf8')).toBe(original);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(where.secretsDir, 'key-escrow-secret')).mode & 0o077).toBe(0);
  });
});
