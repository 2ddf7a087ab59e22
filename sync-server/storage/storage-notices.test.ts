// Storage conformance (the same tests against SQLite and PostgreSQL, test-storage.ts): change
// notices between subscribers and instances, and PostgreSQL's LISTEN connection coming back.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, freshDatabaseEachTest, postgres, sleep, waitFor, type Fixture } from './test-storage';
import type { ChangeNotice, Storage } from './types';

describe.each(ADAPTERS)('storage conformance, change notices: $name', (adapter) => {
  let fx: Fixture;
  let storage: Storage;
  freshDatabaseEachTest(adapter, (opened) => ((fx = opened), (storage = opened.storage)), { migrated: true });

  it('delivers a published notice to a subscriber exactly once, and not after unsubscribing', async () => {
    const got: ChangeNotice[] = [];
    const off = storage.subscribe((n) => got.push(n));
    const notice: ChangeNotice = { collection: 'tasks', seq: 7, buckets: ['loc:main:queue:intake', 'user:u-1'] };
    await storage.publish(notice);
    await waitFor(() => got.length > 0, 'the notice');
    await sleep(150);
    expect(got).toEqual([notice]);
    off();
    await storage.publish({ ...notice, seq: 8 });
    await sleep(150);
    expect(got).toEqual([notice]);
  });

  // Only where instances share notices: an embedded SQLite server is a single process.
  if (adapter.sharedNotices)
    it('delivers a notice to the subscribers of every instance on the database', async () => {
      const other = await fx.another();
      const here: ChangeNotice[] = [];
      const there: ChangeNotice[] = [];
      storage.subscribe((n) => here.push(n));
      other.subscribe((n) => there.push(n));
      const first: ChangeNotice = { collection: 'tasks', seq: 1, buckets: ['A'] };
      const second: ChangeNotice = { collection: 'rejections', seq: 2, buckets: ['user:u-1'] };
      await other.publish(first);
      await storage.publish(second);
      await waitFor(() => here.length >= 2 && there.length >= 2, 'notices on both instances');
      await sleep(150);
      expect(here).toEqual([first, second]);
      expect(there).toEqual([first, second]);
    });
});

describe('postgres: the LISTEN connection', () => {
  it('comes back after the server drops it, and delivers once again', async () => {
    const fx = await postgres.open();
    try {
      const got: number[] = [];
      fx.storage.subscribe((n) => got.push(n.seq));
      const killed = await fx.raw(
        "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name LIKE 'baton-listen-%' AND datname = current_database()",
      );
      expect(killed).toEqual([{ ok: true }]);
      // Notices sent while it is down are lost (clients resync on reconnect); keep poking until one lands.
      let seq = 0;
      const end = Date.now() + 10_000;
      while (got.length === 0) {
        if (Date.now() > end) throw new Error('no notice after the LISTEN connection was dropped');
        await fx.storage.publish({ collection: 'tasks', seq: ++seq, buckets: ['A'] });
        await sleep(100);
      }
      await fx.storage.publish({ collection: 'tasks', seq: 1_000, buckets: ['A'] });
      await waitFor(() => got.includes(1_000), 'the notice after reconnecting');
      await sleep(150);
      expect(got.filter((s) => s === 1_000)).toHaveLength(1);
    } finally {
      await fx.dispose();
    }
  });
});
