// Storage conformance (the same tests against SQLite and PostgreSQL, test-storage.ts): API keys.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, freshDatabaseEachTest } from './test-storage';
import type { Storage } from './types';

const scopes = { locationIds: ['loc-main'], queues: ['front_desk', 'billing'], readStatus: true };
const key = (id: string, createdAt: string) => ({
  id,
  name: `Key ${id}`,
  secretHash: `hash-${id}`,
  scopes,
  createdAt,
  createdBy: 'u-admin',
});

describe.each(ADAPTERS)('storage conformance, API keys: $name', (adapter) => {
  let storage: Storage;
  freshDatabaseEachTest(adapter, (opened) => (storage = opened.storage), { migrated: true });

  it('stores a key with its scopes, lists keys oldest first, rotates, records uses and revokes once', async () => {
    await storage.insertApiKey(key('k2', '2026-12-02T10:00:00.000Z'));
    await storage.insertApiKey(key('k1', '2026-12-01T10:00:00.000Z'));
    await expect(storage.insertApiKey(key('k1', '2026-12-03T10:00:00.000Z'))).rejects.toThrow();
    expect(await storage.getApiKey('k1')).toEqual({
      ...key('k1', '2026-12-01T10:00:00.000Z'),
      lastUsedAt: null,
      rotatedAt: null,
      revokedAt: null,
    });
    expect(await storage.getApiKey('nope')).toBeUndefined();
    expect((await storage.listApiKeys()).map((k) => k.id)).toEqual(['k1', 'k2']);

    await storage.touchApiKey('k1', '2026-12-04T09:00:00.000Z');
    expect(await storage.rotateApiKey('k1', 'hash-new', '2026-12-04T10:00:00.000Z')).toBe(true);
    expect(await storage.getApiKey('k1')).toMatchObject({
      secretHash: 'hash-new',
      rotatedAt: '2026-12-04T10:00:00.000Z',
      lastUsedAt: '2026-12-04T09:00:00.000Z',
    });

    expect(await storage.revokeApiKey('k1', '2026-12-05T10:00:00.000Z')).toBe(true);
    expect(await storage.revokeApiKey('k1', '2026-12-06T10:00:00.000Z')).toBe(false);
    expect(await storage.revokeApiKey('nope', '2026-12-06T10:00:00.000Z')).toBe(false);
    // A revoked key keeps its secret: it cannot be brought back by a rotation.
    expect(await storage.rotateApiKey('k1', 'hash-again', '2026-12-06T10:00:00.000Z')).toBe(false);
    expect(await storage.getApiKey('k1')).toMatchObject({ secretHash: 'hash-new', revokedAt: '2026-12-05T10:00:00.000Z' });
  });
});
