// Storage conformance (the same tests against SQLite and PostgreSQL, test-storage.ts): users,
// settings and the audit log's hash chain.
import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { ADAPTERS, auditEntry, freshDatabaseEachTest, sleep, user, type Fixture } from './test-storage';
import type { Storage } from './types';

describe.each(ADAPTERS)('storage conformance, users, settings and audit: $name', (adapter) => {
  let fx: Fixture;
  let storage: Storage;
  freshDatabaseEachTest(adapter, (opened) => ((fx = opened), (storage = opened.storage)), { migrated: true });

  it('inserts, finds, gets and counts users; usernames are unique regardless of case', async () => {
    expect(await storage.countUsers()).toBe(0);
    expect(await storage.findUserByUsername('alice')).toBeUndefined();
    await storage.insertUser(user('u-1', 'alice'));
    await storage.insertUser({ ...user('u-2', 'Bob'), active: false, locationIds: [] });
    expect(await storage.countUsers()).toBe(2);
    expect(await storage.findUserByUsername('alice')).toEqual(user('u-1', 'alice'));
    expect(await storage.findUserByUsername('ALICE')).toEqual(user('u-1', 'alice'));
    expect(await storage.findUserByUsername('bob')).toEqual({ ...user('u-2', 'Bob'), active: false, locationIds: [] });
    expect(await storage.getUser('u-2')).toEqual({ ...user('u-2', 'Bob'), active: false, locationIds: [] });
    expect(await storage.getUser('u-3')).toBeUndefined();
    await expect(storage.insertUser(user('u-3', 'Alice'))).rejects.toThrow();
    await expect(storage.insertUser(user('u-1', 'carol'))).rejects.toThrow();
    expect(await storage.countUsers()).toBe(2);
  });

  it('gets and sets settings', async () => {
    expect(await storage.getSetting('token_secret')).toBeUndefined();
    await storage.setSetting('token_secret', 'abc');
    await storage.setSetting('other', '');
    expect(await storage.getSetting('token_secret')).toBe('abc');
    await storage.setSetting('token_secret', 'def');
    expect(await storage.getSetting('token_secret')).toBe('def');
    expect(await storage.getSetting('other')).toBe('');
    expect(await (await fx.another()).getSetting('token_secret')).toBe('def');
  });

  it('appends audit entries in a hash chain and lists them', async () => {
    const entries = [auditEntry(1), auditEntry(2, { action: 'create', before: undefined, reason: 'intake' }), auditEntry(3)];
    await storage.write(async (tx) => {
      await tx.appendAudit(entries[0]);
      await tx.appendAudit(entries[1]);
    });
    await storage.write(async (tx) => tx.appendAudit(entries[2])).catch(() => undefined);
    await storage
      .write(async (tx) => {
        await tx.appendAudit(auditEntry(99));
        throw new Error('rolled back with its audit entry');
      })
      .catch(() => undefined);

    const listed = await storage.readAudit({ afterId: 0, limit: 100 });
    // `undefined` is stored (and hashed) as null.
    expect(listed.map(({ id: _id, prevHash: _prev, hash: _hash, ...record }) => record)).toEqual(
      entries.map((e) => ({ ...e, before: e.before ?? null })),
    );
    expect(listed.map((e) => e.id)).toEqual([...listed.map((e) => e.id)].sort((a, b) => a - b));
    expect(await storage.readAudit({ afterId: listed[0].id, limit: 1 })).toEqual([listed[1]]);
    expect(await storage.readAudit({ afterId: listed[2].id, limit: 10 })).toEqual([]);

    const chain = (await fx.raw('SELECT id, prev_hash, hash FROM audit ORDER BY id')).map((r) => ({
      id: Number(r.id),
      prev: String(r.prev_hash),
      hash: String(r.hash),
    }));
    expect(chain.map((c) => c.id)).toEqual(listed.map((e) => e.id));
    chain.forEach((link, i) => {
      expect(link.prev).toBe(i === 0 ? GENESIS_HASH : chain[i - 1].hash);
      const { id: _id, prevHash, hash, ...record } = listed[i];
      expect([prevHash, hash]).toEqual([link.prev, link.hash]);
      expect(link.hash).toBe(auditHash(link.prev, record)); // recomputable from what was read back
    });
    expect(new Set(chain.map((c) => c.hash)).size).toBe(3);

    // Append-only: the database itself refuses edits and deletions.
    await expect(fx.raw(`UPDATE audit SET reason = 'edited' WHERE id = ${chain[0].id}`)).rejects.toThrow(/append-only/);
    await expect(fx.raw(`DELETE FROM audit WHERE id = ${chain[1].id}`)).rejects.toThrow(/append-only/);
    expect(await storage.readAudit({ afterId: 0, limit: 100 })).toEqual(listed);
  });

  it('keeps one linear audit chain under concurrent writers', async () => {
    const other = adapter.concurrentInstances ? await fx.another() : storage;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? other : storage).write(async (tx) => {
          await sleep(Math.random() * 4);
          await tx.appendAudit(auditEntry(i));
        }),
      ),
    );
    const chain = await fx.raw('SELECT prev_hash, hash FROM audit ORDER BY id');
    expect(chain).toHaveLength(20);
    chain.forEach((link, i) => expect(link.prev_hash).toBe(i === 0 ? GENESIS_HASH : chain[i - 1].hash));
  });
});
