// Storage conformance (the same tests against SQLite and PostgreSQL, test-storage.ts): inbound fax
// and e-mail sources, and the claims that make a redelivered message file once.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, freshDatabaseEachTest } from './test-storage';
import type { Storage } from './types';

const source = (id: string, createdAt: string) => ({
  id,
  name: `Source ${id}`,
  kind: 'fax' as const,
  locationId: 'loc-main',
  typeId: 'general',
  secretSalt: `salt-${id}`,
  createdAt,
  createdBy: 'u-admin',
});

describe.each(ADAPTERS)('storage conformance, inbound sources: $name', (adapter) => {
  let storage: Storage;
  freshDatabaseEachTest(adapter, (opened) => (storage = opened.storage), { migrated: true });

  it('stores a source, lists sources oldest first, rotates its salt, records deliveries and revokes once', async () => {
    await storage.insertInboundSource(source('s2', '2026-12-02T10:00:00.000Z'));
    await storage.insertInboundSource(source('s1', '2026-12-01T10:00:00.000Z'));
    await expect(storage.insertInboundSource(source('s1', '2026-12-03T10:00:00.000Z'))).rejects.toThrow();
    expect(await storage.getInboundSource('s1')).toEqual({
      ...source('s1', '2026-12-01T10:00:00.000Z'),
      lastUsedAt: null,
      rotatedAt: null,
      revokedAt: null,
    });
    expect(await storage.getInboundSource('nope')).toBeUndefined();
    expect((await storage.listInboundSources()).map((s) => s.id)).toEqual(['s1', 's2']);

    await storage.touchInboundSource('s1', '2026-12-04T09:00:00.000Z');
    expect(await storage.rotateInboundSource('s1', 'salt-new', '2026-12-04T10:00:00.000Z')).toBe(true);
    expect(await storage.getInboundSource('s1')).toMatchObject({
      secretSalt: 'salt-new',
      rotatedAt: '2026-12-04T10:00:00.000Z',
      lastUsedAt: '2026-12-04T09:00:00.000Z',
    });
    expect(await storage.revokeInboundSource('s1', '2026-12-05T10:00:00.000Z')).toBe(true);
    expect(await storage.revokeInboundSource('s1', '2026-12-06T10:00:00.000Z')).toBe(false);
    // A revoked source cannot be brought back by a rotation.
    expect(await storage.rotateInboundSource('s1', 'salt-again', '2026-12-06T10:00:00.000Z')).toBe(false);
    expect(await storage.getInboundSource('s1')).toMatchObject({ secretSalt: 'salt-new', revokedAt: '2026-12-05T10:00:00.000Z' });
  });

  it('claims a delivery once per source; a released claim can be claimed again', async () => {
    const at = '2026-12-06T10:00:00.000Z';
    const stale = '2026-12-06T09:58:00.000Z';
    expect(await storage.claimInboundDelivery('s1', 'id:m1', 'task-1', at, stale)).toBeUndefined();
    expect(await storage.claimInboundDelivery('s1', 'id:m1', 'task-other', at, stale)).toBe('task-1');
    expect(await storage.claimInboundDelivery('s2', 'id:m1', 'task-2', at, stale)).toBeUndefined();
    await storage.releaseInboundDelivery('s1', 'id:m1');
    expect(await storage.claimInboundDelivery('s1', 'id:m1', 'task-3', at, stale)).toBeUndefined();
    // Concurrent deliveries of one message: exactly one claims it.
    const raced = await Promise.all([1, 2, 3, 4].map((n) => storage.claimInboundDelivery('s1', 'id:m2', `task-${n}`, at, stale)));
    expect(raced.filter((r) => r === undefined)).toHaveLength(1);
  });

  it('lets a redelivery take over a claim its filer left behind, once, and never a fresh one', async () => {
    const claimedAt = '2026-12-06T10:00:00.000Z';
    expect(await storage.claimInboundDelivery('s1', 'id:m3', 'task-m3', claimedAt, '2026-12-06T09:58:00.000Z')).toBeUndefined();
    // A minute later the claim is fresh: the filer may still be at work.
    expect(await storage.claimInboundDelivery('s1', 'id:m3', 'task-m3', '2026-12-06T10:01:00.000Z', '2026-12-06T09:59:00.000Z')).toBe(
      'task-m3',
    );
    // Three minutes later it is stale: of two redeliveries at once, exactly one takes it over.
    const later = '2026-12-06T10:03:00.000Z';
    const stale = '2026-12-06T10:01:00.000Z';
    const raced = await Promise.all([1, 2].map(() => storage.claimInboundDelivery('s1', 'id:m3', 'task-m3', later, stale)));
    expect(raced.filter((r) => r === undefined)).toHaveLength(1);
    expect(raced.filter((r) => r === 'task-m3')).toHaveLength(1);
  });
});
