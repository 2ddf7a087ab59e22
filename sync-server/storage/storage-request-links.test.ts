// Storage conformance (the same tests against SQLite and PostgreSQL, test-storage.ts): the status
// links of patient requests.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, freshDatabaseEachTest } from './test-storage';
import type { Storage } from './types';

const link = (tokenHash: string) => ({
  tokenHash,
  taskId: `task-${tokenHash}`,
  locationId: 'loc-main',
  createdAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-31T10:00:00.000Z',
});

describe.each(ADAPTERS)('storage conformance, request links: $name', (adapter) => {
  let storage: Storage;
  freshDatabaseEachTest(adapter, (opened) => (storage = opened.storage), { migrated: true });

  it('stores a link under its token’s hash, finds it by that hash only, and refuses a second link with the same hash', async () => {
    await storage.insertRequestLink(link('h1'));
    await storage.insertRequestLink(link('h2'));
    expect(await storage.getRequestLink('h1')).toEqual(link('h1'));
    expect(await storage.getRequestLink('h3')).toBeUndefined();
    await expect(storage.insertRequestLink({ ...link('h1'), taskId: 'another' })).rejects.toThrow();
    expect((await storage.getRequestLink('h1'))?.taskId).toBe('task-h1');
  });
});
