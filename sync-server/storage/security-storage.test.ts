// Sessions, enrollment and the stored audit chain: the same tests against SQLite and PostgreSQL.
// PostgreSQL must be running (BATON_TEST_PG=1 scripts/ensure-postgres.sh); without it the
// PostgreSQL cases fail saying so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { openPostgresStorage } from './postgres';
import { openSqliteStorage } from './sqlite';
import { dropPostgresDatabase, freshPostgresUrl } from './test-postgres';
import type { AuditRecord, SessionRecord, Storage } from './types';

interface Opened {
  storage: Storage;
  dispose(): Promise<void>;
}

const adapters: { name: string; open(): Promise<Opened> }[] = [
  {
    name: 'sqlite',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-secstore-'));
      const storage = await openSqliteStorage({ file: path.join(dir, 'baton.sqlite') });
      await storage.migrate();
      return {
        storage,
        dispose: async () => {
          await storage.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    open: async () => {
      const url = await freshPostgresUrl();
      const storage = await openPostgresStorage({ connectionString: url, poolSize: 4 });
      await storage.migrate();
      return {
        storage,
        dispose: async () => {
          await storage.close();
          await dropPostgresDatabase(url);
        },
      };
    },
  },
];

const entry = (at: string, action: string, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  at,
  actorId: 'u-1',
  workstationId: 'ws-1',
  action,
  collection: 'tasks',
  docId: 'd-1',
  before: null,
  after: { n: 1, nested: { b: [1, 'x'], a: null } },
  reason: '',
  ...extra,
});

const session = (id: string, userId: string, expiresAt = '2999-01-01T00:00:00.000Z'): SessionRecord => ({
  id,
  userId,
  workstationId: 'ws-1',
  workstationEnrolled: id.endsWith('e'),
  refreshHash: `h-${id}`,
  createdAt: `2026-01-01T00:00:0${id.length % 10}.000Z`,
  expiresAt,
  revokedAt: null,
});

describe.each(adapters)('security storage: $name', (adapter) => {
  let opened: Opened;
  let storage: Storage;
  beforeEach(async () => {
    opened = await adapter.open();
    storage = opened.storage;
  });
  afterEach(async () => {
    await opened.dispose();
  });

  it('reads audit entries as stored, with a chain the stored fields recompute, filtered by time', async () => {
    await storage.write(async (tx) => {
      await tx.appendAudit(entry('2026-03-01T10:00:00.000Z', 'sign_in'));
      await tx.appendAudit(entry('2026-03-02T10:00:00.000Z', 'update', { before: { title: 'a' }, reason: 'x, "y"' }));
      await tx.appendAudit(entry('2026-03-03T10:00:00.000Z', 'sign_out', { after: undefined }));
    });
    const all = await storage.readAudit({ afterId: 0, limit: 10 });
    expect(all.map((e) => e.action)).toEqual(['sign_in', 'update', 'sign_out']);
    let prev = GENESIS_HASH;
    for (const e of all) {
      expect(e.prevHash).toBe(prev);
      expect(auditHash(e.prevHash, e)).toBe(e.hash);
      prev = e.hash;
    }
    expect(all[2].after).toBeNull();
    expect((await storage.readAudit({ afterId: all[0].id, limit: 1 })).map((e) => e.id)).toEqual([all[1].id]);
    const ranged = await storage.readAudit({ afterId: 0, limit: 10, from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T10:00:00.000Z' });
    expect(ranged.map((e) => e.action)).toEqual(['update']);
  });

  it('stores sessions, rotates a refresh hash once, revokes by id and by user', async () => {
    await storage.insertSession(session('s1e', 'u-1'));
    await storage.insertSession(session('s22', 'u-1'));
    await storage.insertSession(session('s333', 'u-2'));
    await storage.insertSession(session('s4444', 'u-2', '2020-01-01T00:00:00.000Z'));
    expect(await storage.getSession('s1e')).toEqual(session('s1e', 'u-1'));
    expect(await storage.getSession('nope')).toBeUndefined();

    const now = new Date().toISOString();
    expect(await storage.rotateSessionRefresh('s1e', 'h-s1e', 'next', now)).toBe(true);
    expect(await storage.rotateSessionRefresh('s1e', 'h-s1e', 'again', now)).toBe(false);
    expect((await storage.getSession('s1e'))?.refreshHash).toBe('next');
    expect(await storage.rotateSessionRefresh('s4444', 'h-s4444', 'x', now)).toBe(false); // expired

    expect((await storage.listLiveSessions(now)).map((s) => s.id).sort()).toEqual(['s1e', 's22', 's333']);
    expect(await storage.revokeSessions({ id: 's22' }, now)).toEqual(['s22']);
    expect(await storage.revokeSessions({ id: 's22' }, now)).toEqual([]);
    expect(await storage.rotateSessionRefresh('s22', 'h-s22', 'x', now)).toBe(false);
    expect(await storage.revokeSessions({ userId: 'u-1', exceptId: 's1e' }, now)).toEqual([]);
    expect((await storage.revokeSessions({ userId: 'u-2' }, now)).sort()).toEqual(['s333', 's4444']);
    expect((await storage.listLiveSessions(now)).map((s) => s.id)).toEqual(['s1e']);
    expect((await storage.getSession('s333'))?.revokedAt).toBe(now);
  });

  it('deactivates and reactivates a user; replaces a password, marked temporary or not', async () => {
    await storage.insertUser({
      id: 'u-1',
      username: 'a',
      displayName: 'A',
      roles: ['admin'],
      locationIds: ['l'],
      passwordHash: 'x',
      passwordTemporary: true,
      active: true,
      createdAt: 'now',
    });
    expect(await storage.setUserActive('u-1', false)).toBe(true);
    expect((await storage.getUser('u-1'))?.active).toBe(false);
    expect(await storage.setUserActive('u-1', true)).toBe(true);
    expect((await storage.getUser('u-1'))?.active).toBe(true);
    expect(await storage.setUserActive('nobody', false)).toBe(false);
    expect((await storage.getUser('u-1'))?.passwordTemporary).toBe(true);
    expect(await storage.setUserPassword('u-1', 'y', false)).toBe(true);
    expect(await storage.getUser('u-1')).toMatchObject({ passwordHash: 'y', passwordTemporary: false });
    expect(await storage.setUserPassword('u-1', 'z', true)).toBe(true);
    expect(await storage.findUserByUsername('a')).toMatchObject({ passwordHash: 'z', passwordTemporary: true });
    expect(await storage.setUserPassword('nobody', 'z', true)).toBe(false);
  });

  it('uses an enrollment code once, and never an expired one', async () => {
    const now = new Date().toISOString();
    await storage.insertEnrollmentCode({
      codeHash: 'c1',
      locationId: 'loc-a',
      createdBy: 'u-admin',
      createdAt: now,
      expiresAt: '2999-01-01T00:00:00.000Z',
    });
    await storage.insertEnrollmentCode({
      codeHash: 'c2',
      locationId: 'loc-a',
      createdBy: 'u-admin',
      createdAt: now,
      expiresAt: '2020-01-01T00:00:00.000Z',
    });
    const ws = { id: 'ws-a', name: 'Front desk 1', secretHash: 'sh', enrolledAt: now };
    const results = await Promise.all([
      storage.enrollWorkstation('c1', now, ws),
      storage.enrollWorkstation('c1', now, { ...ws, id: 'ws-b' }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const enrolled = results.find(Boolean)!;
    expect(enrolled.locationId).toBe('loc-a');
    expect(await storage.getWorkstation(enrolled.id)).toEqual(enrolled);
    expect(await storage.enrollWorkstation('c2', now, { ...ws, id: 'ws-c' })).toBeUndefined();
    expect(await storage.enrollWorkstation('unknown', now, { ...ws, id: 'ws-d' })).toBeUndefined();
    expect(await storage.getWorkstation('ws-c')).toBeUndefined();
  });
});
