// Storage conformance (the same tests against SQLite and PostgreSQL, test-storage.ts): migrating
// (twice, from two instances, from a data folder older than the writer log) and closing.
import { beforeEach, describe, expect, it } from 'vitest';
import { ADAPTERS, freshDatabaseEachTest, makeDoc, put, type Fixture } from './test-storage';
import type { Storage } from './types';

describe.each(ADAPTERS)('storage conformance, lifecycle: $name', (adapter) => {
  let fx: Fixture;
  let storage: Storage;
  freshDatabaseEachTest(adapter, (opened) => ((fx = opened), (storage = opened.storage)));

  describe('schema', () => {
    it('migrates twice, and from two instances at once, keeping the data', async () => {
      const other = await fx.another();
      await Promise.all([storage.migrate(), other.migrate()]);
      await storage.migrate();
      await put(storage, 'a', ['A']);
      await storage.setSetting('k', 'v');
      await storage.migrate();
      expect(storage.kind).toBe(adapter.name);
      expect((await storage.getDoc('tasks', 'a'))?.seq).toBe(1);
      expect(await storage.getSetting('k')).toBe('v');
      expect(await storage.currentSeq()).toBe(1);
    });
  });

  describe('an older data folder (no writer log)', () => {
    it('gains the writer log at migrate, keeping its documents, whose writes have no writer', async () => {
      await storage.migrate();
      await put(storage, 'old', ['A']);
      // As a release from before the writer log (and before numbered migrations) left it.
      await fx.raw('DROP TABLE doc_writers');
      await fx.raw('DROP TABLE baton_migrations');
      const upgraded = await fx.another();
      await upgraded.migrate();
      const seq = await upgraded.write(async (tx) => {
        expect(await tx.writersAfter('tasks', 'old', 0)).toEqual(new Map());
        const doc = makeDoc('old', await tx.nextSeq(), ['A']);
        await tx.putDoc(doc, ['A'], 'session:s-1');
        return doc.seq;
      });
      await upgraded.write(async (tx) => expect(await tx.writersAfter('tasks', 'old', 0)).toEqual(new Map([[seq, 'session:s-1']])));
      expect((await upgraded.getDoc('tasks', 'old'))?.seq).toBe(seq);
    });
  });

  describe('with a migrated database', () => {
    beforeEach(async () => {
      await storage.migrate();
    });

    it('close() ends the storage', async () => {
      await put(storage, 'a', ['A']);
      await storage.close();
      await expect(storage.getDoc('tasks', 'a')).rejects.toThrow();
      // The data is still on disk for the next instance.
      expect((await (await fx.another()).getDoc('tasks', 'a'))?.seq).toBe(1);
    });
  });
});
