// Old once-keys are forgotten on both databases: push receipts after 90 days, digest keys after 30;
// younger ones and escalation keys stay, and a forgotten push receipt can be claimed again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../storage/open';
import { dropPostgresDatabase, freshPostgresUrl } from '../storage/test-postgres';
import type { Storage } from '../storage/types';
import { forgetOldClaims } from './claim-pruning';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * 24 * 3600_000).toISOString();

describe.each(['sqlite', 'postgres'] as const)('forgetting old once-keys on %s', (kind) => {
  let storage: Storage | undefined;
  let pgUrl: string | undefined;

  beforeAll(async () => {
    pgUrl = kind === 'postgres' ? await freshPostgresUrl() : undefined;
    storage = await openStorage({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'baton-claims-')), databaseUrl: pgUrl });
  });
  afterAll(async () => {
    await storage?.close();
    if (pgUrl) await dropPostgresDatabase(pgUrl);
  });

  const db = (): Storage => {
    if (!storage) throw new Error('the storage did not open');
    return storage;
  };
  const claim = (key: string, at: string) => db().write((tx) => tx.claimOnce(key, at));

  it('forgets only the expired receipts and digest keys', async () => {
    const claims: Array<[string, string]> = [
      ['push:tasks:old', daysAgo(91)],
      ['push:tasks:young', daysAgo(89)],
      ['digest:u-1:2026-10-01', daysAgo(31)],
      ['digest:u-1:2026-11-20', daysAgo(16)],
      ['escalate:t-1:1', daysAgo(400)],
      // Starts like a forgettable prefix without being one.
      ['pushy:x', daysAgo(400)],
    ];
    for (const [key, at] of claims) expect(await claim(key, at)).toBe(true);

    expect(await forgetOldClaims(db(), NOW)).toBe(2);

    // A forgotten key can be claimed again; every kept one still refuses a second claim.
    expect(await claim('push:tasks:old', daysAgo(0))).toBe(true);
    expect(await claim('digest:u-1:2026-10-01', daysAgo(0))).toBe(true);
    for (const key of ['push:tasks:young', 'digest:u-1:2026-11-20', 'escalate:t-1:1', 'pushy:x'])
      expect(await claim(key, daysAgo(0)), key).toBe(false);
    expect(await forgetOldClaims(db(), NOW)).toBe(0);
  });
});
