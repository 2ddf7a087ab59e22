// RxDB's RxStorage contract as vitest tests, for any storage: what RxDB expects of an
// RxStorageInstance (after RxDB's own test/unit/rx-storage-implementations.test.ts, in our words).
// storage-conformance.test.ts runs it against RxDB's own storages and against Baton's log storage.
import { randomToken } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { describeChangedSince, describeChangeStream, describeMultiInstance } from './storage-conformance-changes';
import {
  conflicts,
  CONTEXT,
  expectWritten,
  Harness,
  insert,
  keysOf,
  next,
  note,
  noteSchemaV1,
  type Instance,
  type Note,
  type StorageUnderTest,
} from './storage-conformance-kit';
import { describeQueries } from './storage-conformance-query';

export function describeStorageConformance(target: StorageUnderTest): void {
  describe(`RxStorage contract: ${target.name}`, () => {
    const h = new Harness(target);
    afterEach(() => h.closeAll());

    describeLifecycle(target, h);
    describeWrites(h);
    describeChangeStream(h);
    describeChangedSince(h);
    describeQueries(h);
    describeCleanup(target, h);
    describeConcurrency(h);
    if (target.hasMultiInstance) describeMultiInstance(h);
  });
}

/** Reference: "creation", ".close()", ".remove()", "migration", and the database-name case of "multiInstance". */
function describeLifecycle(target: StorageUnderTest, h: Harness): void {
  describe('opening, closing and removing', () => {
    it('opens an instance under the names it is given', async () => {
      const [databaseName, collectionName] = [`db${randomToken(10)}`, `c${randomToken(10)}`];
      const instance = await h.open({ databaseName, collectionName });
      expect([instance.databaseName, instance.collectionName]).toEqual([databaseName, collectionName]);
      expect(await instance.findDocumentsById(['nothing'], true)).toEqual([]);
    });

    it('opens many collections of one database side by side, each with its own documents', async () => {
      const databaseName = `db${randomToken(12)}`;
      const storage = target.getStorage();
      const instances = await Promise.all(Array.from({ length: 8 }, () => h.open({ databaseName, storage })));
      await Promise.all(instances.map((instance, i) => instance.bulkWrite([insert(note(`k${i}`, `v${i}`))], CONTEXT)));
      for (const [i, instance] of instances.entries()) expect(await keysOf(instance)).toEqual([`k${i}`]);
    });

    it('keeps other schema versions and other database names apart', async () => {
      const v0 = await h.open();
      const v1 = await h.open({ databaseName: v0.databaseName, collectionName: v0.collectionName, schema: noteSchemaV1 });
      const otherDb = await h.open({ collectionName: v0.collectionName });
      expectWritten(await v0.bulkWrite([insert(note('zero', '0'))], CONTEXT));
      expectWritten(await v1.bulkWrite([insert(note('one', '1'))], CONTEXT));
      expect(await keysOf(v0)).toEqual(['zero']);
      expect(await keysOf(v1)).toEqual(['one']);
      expect(await keysOf(otherDb)).toEqual([]);
    });

    it('may be closed twice, even at once', async () => {
      const instance = await h.open();
      await Promise.all([instance.close(), instance.close()]);
      await instance.close();
    });

    it('remove() deletes the data: an instance opened again under the same names is empty', async () => {
      const instance = await h.open();
      expectWritten(await instance.bulkWrite([insert(note('gone', 'v'))], CONTEXT));
      await instance.remove();
      const again = await h.open({ databaseName: instance.databaseName, collectionName: instance.collectionName });
      expect(await again.findDocumentsById(['gone'], true)).toEqual([]);
      expect(await keysOf(again)).toEqual([]);
    });

    it('refuses remove() after close()', async () => {
      const instance = await h.open();
      await instance.close();
      await expect(instance.remove()).rejects.toThrow();
    });

    it('takes close() after remove()', async () => {
      const instance = await h.open();
      await instance.remove();
      await instance.close();
    });

    if (target.hasPersistence)
      it('keeps documents, deleted ones too, when closed and opened again', async () => {
        const first = await h.open();
        const kept = note('kept', 'v', { _meta: { lwt: Date.now(), custom: 7 } });
        const doomed = note('doomed', 'v');
        expectWritten(await first.bulkWrite([insert(kept), insert(doomed)], CONTEXT));
        const deleted = next(doomed, { _deleted: true });
        expectWritten(await first.bulkWrite([{ previous: doomed, document: deleted }], CONTEXT));
        await first.close();
        const again = await h.open({ databaseName: first.databaseName, collectionName: first.collectionName });
        expect(await again.findDocumentsById(['kept'], false)).toStrictEqual([kept]);
        expect(await again.findDocumentsById(['doomed'], false)).toEqual([]);
        expect(await again.findDocumentsById(['doomed'], true)).toStrictEqual([deleted]);
      });
  });
}

/** Reference: ".bulkWrite()" and ".findDocumentsById()". */
function describeWrites(h: Harness): void {
  describe('bulkWrite and findDocumentsById', () => {
    it('gives back every document exactly as written: _rev, _meta, _attachments kept, no field added', async () => {
      const instance = await h.open();
      const docs = [
        note('plain', 'value'),
        note('umlauts-äöüßé', 'wert-äöüßé 漢字 🙂'),
        note('with-extra', 'v', { extra: 'optional field', _meta: { lwt: Date.now(), custom: 1 } }),
      ];
      expectWritten(await instance.bulkWrite(docs.map(insert), CONTEXT));
      const found = await instance.findDocumentsById(
        docs.map((d) => d.key),
        false,
      );
      const byKey = new Map(found.map((d) => [d.key, d]));
      for (const doc of docs) expect(byKey.get(doc.key)).toStrictEqual(doc);
      expect(found).toHaveLength(docs.length);
    });

    it('finds only the ids asked for, and nothing for unknown ids', async () => {
      const instance = await h.open();
      expectWritten(
        await instance.bulkWrite(
          ['a', 'b', 'c'].map((k) => insert(note(k, k))),
          CONTEXT,
        ),
      );
      const found = await instance.findDocumentsById(['c', 'a', 'missing'], false);
      expect(found.map((d) => d.key).sort()).toEqual(['a', 'c']);
    });

    it('answers 409 to an insert of an existing id, with the stored document and the refused row', async () => {
      const instance = await h.open();
      const stored = note('x', 'first');
      expectWritten(await instance.bulkWrite([insert(stored)], CONTEXT));
      const refused = insert(note('x', 'second'));
      const response = await instance.bulkWrite([refused], CONTEXT);
      expect(response.error).toHaveLength(1);
      const [conflict] = conflicts(response);
      expect(conflict).toMatchObject({ status: 409, documentId: 'x', isError: true });
      expect(conflict.documentInDb).toStrictEqual(stored);
      expect(conflict.writeRow).toEqual(refused);
      expect(await instance.findDocumentsById(['x'], false)).toStrictEqual([stored]);
    });

    it('answers 409 to an update whose previous revision is not the stored one', async () => {
      const instance = await h.open();
      const v1 = note('x', 'one');
      const v2 = next(v1, { value: 'two' });
      expectWritten(await instance.bulkWrite([insert(v1)], CONTEXT));
      expectWritten(await instance.bulkWrite([{ previous: v1, document: v2 }], CONTEXT));
      const stale = await instance.bulkWrite([{ previous: v1, document: next(v1, { value: 'stale' }) }], CONTEXT);
      expect(conflicts(stale).map((c) => [c.documentId, c.documentInDb])).toStrictEqual([['x', v2]]);
      expect(await instance.findDocumentsById(['x'], false)).toStrictEqual([v2]);
    });

    it('writes the rows of a bulk that do not conflict and refuses only those that do', async () => {
      const instance = await h.open();
      const a = note('a', 'a1');
      const b = note('b', 'b1');
      expectWritten(await instance.bulkWrite([insert(a), insert(b)], CONTEXT));
      const rows = [
        { previous: a, document: next(a, { value: 'a2' }) },
        insert(note('b', 'clash')),
        insert(note('c', 'c1')),
        { previous: next(b), document: next(next(b), { value: 'b-stale' }) },
      ];
      const response = await instance.bulkWrite(rows, CONTEXT);
      expect(
        conflicts(response)
          .map((c) => c.documentId)
          .sort(),
      ).toEqual(['b', 'b']);
      const found = await instance.findDocumentsById(['a', 'b', 'c'], false);
      expect(Object.fromEntries(found.map((d) => [d.key, d.value]))).toEqual({ a: 'a2', b: 'b1', c: 'c1' });
    });

    it('leaves the rows it is given unchanged', async () => {
      const instance = await h.open();
      const a = note('a', 'a1');
      expectWritten(await instance.bulkWrite([insert(a)], CONTEXT));
      const rows = [{ previous: a, document: next(a, { value: 'a2' }) }, insert(note('a', 'clash')), insert(note('n', 'new'))];
      const before = structuredClone(rows);
      await instance.bulkWrite(rows, CONTEXT);
      expect(rows).toStrictEqual(before);
    });

    it('deletes: a deleted document is found only with withDeleted, with all its fields', async () => {
      const instance = await h.open();
      const live = note('live', 'v');
      const doomed = note('doomed', 'v1');
      expectWritten(await instance.bulkWrite([insert(live), insert(doomed)], CONTEXT));
      const deleted = next(doomed, { _deleted: true, value: 'v-deleted' });
      expectWritten(await instance.bulkWrite([{ previous: doomed, document: deleted }], CONTEXT));
      expect(await instance.findDocumentsById(['doomed'], false)).toEqual([]);
      expect(await instance.findDocumentsById(['doomed'], true)).toStrictEqual([deleted]);
      const both = await instance.findDocumentsById(['doomed', 'live'], true);
      expect(both.map((d) => d.key).sort()).toEqual(['doomed', 'live']);
    });

    it('refuses an insert over a deleted document (409); an update from the deleted state revives it', async () => {
      const instance = await h.open();
      const doc = note('undelete-me', 'v1');
      expectWritten(await instance.bulkWrite([insert(doc)], CONTEXT));
      const deleted = next(doc, { _deleted: true });
      expectWritten(await instance.bulkWrite([{ previous: doc, document: deleted }], CONTEXT));
      // At the storage level an insert never replaces a deleted document: RxDB itself turns a
      // re-insert into an update from the deleted state.
      const reinsert = await instance.bulkWrite([insert(note('undelete-me', 'again'))], CONTEXT);
      expect(conflicts(reinsert).map((c) => c.documentInDb)).toStrictEqual([deleted]);
      const revived = next(deleted, { _deleted: false, value: 'again' });
      expectWritten(await instance.bulkWrite([{ previous: deleted, document: revived }], CONTEXT));
      expect(await instance.findDocumentsById(['undelete-me'], false)).toStrictEqual([revived]);
    });

    it('updates a deleted document that stays deleted', async () => {
      const instance = await h.open();
      const doc = note('x', 'v1');
      expectWritten(await instance.bulkWrite([insert(doc)], CONTEXT));
      const deleted = next(doc, { _deleted: true });
      expectWritten(await instance.bulkWrite([{ previous: doc, document: deleted }], CONTEXT));
      const modified = next(deleted, { value: 'v2' });
      expectWritten(await instance.bulkWrite([{ previous: deleted, document: modified }], CONTEXT));
      expect(await instance.findDocumentsById(['x'], true)).toStrictEqual([modified]);
    });

    it('drops a field that an update leaves out', async () => {
      const instance = await h.open();
      const doc = note('x', 'v', { extra: 'to be dropped' });
      expectWritten(await instance.bulkWrite([insert(doc)], CONTEXT));
      const { extra: _dropped, ...rest } = next(doc);
      expectWritten(await instance.bulkWrite([{ previous: doc, document: rest }], CONTEXT));
      const [found] = await instance.findDocumentsById(['x'], false);
      expect(found).toStrictEqual(rest);
      expect('extra' in found).toBe(false);
    });

    it('takes writes that change only _meta, and one that jumps several revision heights', async () => {
      const instance = await h.open();
      const v1 = note('x', 'v', { _meta: { lwt: Date.now(), step: 0 } });
      expectWritten(await instance.bulkWrite([insert(v1)], CONTEXT));
      const v2 = next(v1, { _meta: { lwt: Date.now() + 1, step: 1 } });
      expectWritten(await instance.bulkWrite([{ previous: v1, document: v2 }], CONTEXT));
      const v5 = { ...next(v2, { value: 'jumped' }), _rev: `5-${v2._rev.split('-')[1]}` };
      expectWritten(await instance.bulkWrite([{ previous: v2, document: v5 }], CONTEXT));
      expect(await instance.findDocumentsById(['x'], false)).toStrictEqual([v5]);
    });

    it('stores and finds 2,000 documents written in one bulk', async () => {
      const instance = await h.open();
      const docs = Array.from({ length: 2_000 }, (_, i) => note(`k${String(i).padStart(5, '0')}`, `v${i}`));
      expectWritten(await instance.bulkWrite(docs.map(insert), CONTEXT));
      const found = await instance.findDocumentsById(
        docs.map((d) => d.key),
        false,
      );
      expect(found).toHaveLength(docs.length);
      expect(await keysOf(instance)).toEqual(docs.map((d) => d.key));
    });
  });
}

/** Reference: ".cleanup". Deletions are dated in the past so no test waits on the clock. */
function describeCleanup(target: StorageUnderTest, h: Harness): void {
  async function seed(instance: Instance<Note>) {
    const longAgo = Date.now() - 60_000;
    const old = note('old', 'v', { _meta: { lwt: longAgo } });
    const recent = note('recent', 'v');
    expectWritten(await instance.bulkWrite([insert(old), insert(recent), insert(note('live', 'v'))], CONTEXT));
    const writes = [
      { previous: old, document: next(old, { _deleted: true, _meta: { lwt: longAgo + 1 } }) },
      { previous: recent, document: next(recent, { _deleted: true }) },
    ];
    expectWritten(await instance.bulkWrite(writes, CONTEXT));
  }
  // cleanup() answers false while it has more to do.
  const cleanUp = async (instance: Instance<Note>, minimumDeletedTime: number) => {
    while (!(await instance.cleanup(minimumDeletedTime)));
  };
  const present = async (instance: Instance<Note>) =>
    (await instance.findDocumentsById(['old', 'recent', 'live'], true)).map((d) => d.key).sort();

  describe('cleanup', () => {
    it('purges deleted documents older than the limit, keeps newer deleted ones and live ones', async () => {
      const instance = await h.open();
      await seed(instance);
      await cleanUp(instance, 10 * 60_000);
      expect(await present(instance)).toEqual(['live', 'old', 'recent']);
      await cleanUp(instance, 30_000);
      expect(await present(instance)).toEqual(['live', 'recent']);
      await cleanUp(instance, 0);
      expect(await present(instance)).toEqual(['live']);
    });

    if (target.hasPersistence)
      it('keeps a purged document purged when closed and opened again', async () => {
        const instance = await h.open();
        await seed(instance);
        await cleanUp(instance, 30_000);
        await instance.close();
        const again = await h.open({ databaseName: instance.databaseName, collectionName: instance.collectionName });
        expect(await present(again)).toEqual(['live', 'recent']);
      });
  });
}

/** Reference: ".bulkWrite()" "when inserting the same document at the same time ...". */
function describeConcurrency(h: Harness): void {
  describe('concurrent writes', () => {
    it('of parallel inserts of one id, the first succeeds and the others get 409 with it', async () => {
      const instance = await h.open();
      const attempts = Array.from({ length: 20 }, (_, i) => note('same', `attempt${i}`));
      const responses = await Promise.all(attempts.map((doc) => instance.bulkWrite([insert(doc)], CONTEXT)));
      const winners = responses.flatMap((r, i) => (r.error.length ? [] : [attempts[i]]));
      expect(winners).toStrictEqual([attempts[0]]);
      const losers = responses.flatMap((r) => conflicts(r));
      expect(losers).toHaveLength(19);
      for (const conflict of losers) expect(conflict.documentInDb).toStrictEqual(winners[0]);
      expect(await instance.findDocumentsById(['same'], false)).toStrictEqual(winners);
    });

    it('of parallel updates from one revision, the first succeeds and the others get 409', async () => {
      const instance = await h.open();
      const base = note('x', 'base');
      expectWritten(await instance.bulkWrite([insert(base)], CONTEXT));
      const updates = Array.from({ length: 10 }, (_, i) => next(base, { value: `u${i}` }));
      const responses = await Promise.all(updates.map((document) => instance.bulkWrite([{ previous: base, document }], CONTEXT)));
      const winners = updates.filter((_, i) => responses[i].error.length === 0);
      expect(winners).toStrictEqual([updates[0]]);
      expect(responses.flatMap((r) => conflicts(r))).toHaveLength(9);
      expect(await instance.findDocumentsById(['x'], false)).toStrictEqual(winners);
    });

    it('parallel writes of different ids all succeed', async () => {
      const instance = await h.open();
      const docs = Array.from({ length: 30 }, (_, i) => note(`d${String(i).padStart(2, '0')}`, `v${i}`));
      const responses = await Promise.all(docs.map((doc) => instance.bulkWrite([insert(doc)], CONTEXT)));
      responses.forEach(expectWritten);
      expect(await keysOf(instance)).toEqual(docs.map((d) => d.key));
    });
  });
}
