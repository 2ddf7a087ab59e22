// The change-feed part of the RxStorage conformance suite (storage-conformance.ts): the events a
// write emits, RxDB's getChangedDocumentsSince over the storage, and several instances of one
// collection seeing each other's writes.
import { getChangedDocumentsSince, stackCheckpoints, type RxStorageDefaultCheckpoint } from 'rxdb';
import { describe, expect, it, vi } from 'vitest';
import {
  collect,
  conflicts,
  CONTEXT,
  expectWritten,
  insert,
  keysOf,
  next,
  note,
  type Harness,
  type Instance,
  type Note,
  type StoredNote,
} from './storage-conformance-kit';

/** Reference: ".changeStream()". */
export function describeChangeStream(h: Harness): void {
  describe('changeStream', () => {
    it('emits one bulk per write before the write resolves: INSERT, UPDATE, DELETE with their documents', async () => {
      const instance = await h.open();
      const bulks = collect(instance);
      const a = note('a', 'a1');
      const b = note('b', 'b1');
      await instance.bulkWrite([insert(a), insert(b)], 'ctx-insert');
      expect(bulks).toHaveLength(1);
      const a2 = next(a, { value: 'a2' });
      await instance.bulkWrite([{ previous: a, document: a2 }], 'ctx-update');
      expect(bulks).toHaveLength(2);
      const bDeleted = next(b, { _deleted: true });
      await instance.bulkWrite([{ previous: b, document: bDeleted }], 'ctx-delete');
      expect(bulks).toHaveLength(3);

      const summary = bulks.map((bulk) => ({
        context: bulk.context,
        events: bulk.events.map((e) => [e.operation, e.documentId, e.documentData, e.previousDocumentData]),
      }));
      expect(summary).toStrictEqual([
        {
          context: 'ctx-insert',
          events: [
            ['INSERT', 'a', a, undefined],
            ['INSERT', 'b', b, undefined],
          ],
        },
        { context: 'ctx-update', events: [['UPDATE', 'a', a2, a]] },
        { context: 'ctx-delete', events: [['DELETE', 'b', bDeleted, b]] },
      ]);
      for (const bulk of bulks) {
        expect(bulk.id).toEqual(expect.any(String));
        expect(bulk.checkpoint).toBeTruthy();
      }
    });

    it('emits nothing for a write that only conflicted, and only the written rows of a mixed one', async () => {
      const instance = await h.open();
      const a = note('a', 'a1');
      expectWritten(await instance.bulkWrite([insert(a)], CONTEXT));
      const bulks = collect(instance);
      expect(conflicts(await instance.bulkWrite([insert(note('a', 'clash'))], CONTEXT))).toHaveLength(1);
      expect(bulks).toEqual([]);
      const fresh = note('fresh', 'f');
      await instance.bulkWrite([insert(note('a', 'clash again')), insert(fresh)], CONTEXT);
      expect(bulks.map((bulk) => bulk.events.map((e) => [e.operation, e.documentData]))).toStrictEqual([[['INSERT', fresh]]]);
    });

    it('gives checkpoints after which getChangedDocumentsSince finds nothing new', async () => {
      const instance = await h.open();
      const bulks = collect(instance);
      const first = note('first', 'v');
      await instance.bulkWrite([insert(first)], CONTEXT);
      await instance.bulkWrite(
        Array.from({ length: 10 }, (_, i) => insert(note(`more${i}`, 'v'))),
        CONTEXT,
      );
      await instance.bulkWrite([{ previous: first, document: next(first, { value: 'changed' }) }], CONTEXT);
      const checkpoint = stackCheckpoints(bulks.map((bulk) => bulk.checkpoint));
      const after = await getChangedDocumentsSince(instance, 100, checkpoint);
      expect(after.documents).toEqual([]);
    });
  });
}

/**
 * Reference: ".getChangedDocumentsSince()". Through RxDB's helper, which asks the storage's own
 * method where it has one and otherwise runs RxDB's query by (_meta.lwt, primary key).
 */
export function describeChangedSince(h: Harness): void {
  describe('getChangedDocumentsSince', () => {
    type Page = { documents: StoredNote[]; checkpoint: RxStorageDefaultCheckpoint };
    const since = (instance: Instance<Note>, limit: number, checkpoint?: unknown) =>
      getChangedDocumentsSince(instance, limit, checkpoint) as Promise<Page>;

    it('returns each changed document once, at its latest state, in order of last write, page by page', async () => {
      const instance = await h.open();
      expect((await since(instance, 10)).documents).toEqual([]);
      let hot = note('hot', '0');
      expectWritten(await instance.bulkWrite([insert(hot), insert(note('cold', 'c'))], CONTEXT));
      for (let i = 1; i <= 5; i++) {
        const updated = next(hot, { value: String(i) });
        expectWritten(await instance.bulkWrite([{ previous: hot, document: updated }], CONTEXT));
        hot = updated;
      }
      const all = await since(instance, 100);
      expect(all.documents.map((d) => [d.key, d.value])).toEqual([
        ['cold', 'c'],
        ['hot', '5'],
      ]);

      expectWritten(
        await instance.bulkWrite(
          Array.from({ length: 7 }, (_, i) => insert(note(`n${i}`, 'v'))),
          CONTEXT,
        ),
      );
      const seen: string[] = [];
      let checkpoint: unknown;
      for (let page = 0; page < 4; page++) {
        const result = await since(instance, 3, checkpoint);
        seen.push(...result.documents.map((d) => d.key));
        checkpoint = result.checkpoint;
      }
      expect(seen).toEqual(['cold', 'hot', ...Array.from({ length: 7 }, (_, i) => `n${i}`)]);

      const deleted = next(hot, { _deleted: true });
      expectWritten(await instance.bulkWrite([{ previous: hot, document: deleted }], CONTEXT));
      expect((await since(instance, 10, checkpoint)).documents).toStrictEqual([deleted]);
    });

    it('returns the checkpoint it was given when nothing changed since', async () => {
      const instance = await h.open();
      expectWritten(await instance.bulkWrite([insert(note('a', 'v'))], CONTEXT));
      const { checkpoint } = await since(instance, 10);
      const again = await since(instance, 10, checkpoint);
      expect(again.documents).toEqual([]);
      expect(again.checkpoint).toEqual(checkpoint);
    });

    it('collects every document when writes go on between pages', async () => {
      const instance = await h.open();
      const batch = (round: number) => Array.from({ length: 8 }, (_, i) => insert(note(`r${round}-${i}`, 'v')));
      expectWritten(await instance.bulkWrite(batch(0), CONTEXT));
      const seen = new Set<string>();
      let checkpoint: unknown;
      for (let round = 1; round <= 12; round++) {
        const result = await since(instance, 5, checkpoint);
        result.documents.forEach((d) => seen.add(d.key));
        checkpoint = result.checkpoint;
        if (round < 5) expectWritten(await instance.bulkWrite(batch(round), CONTEXT));
      }
      expect(seen.size).toBe(40);
    });
  });
}

/** Reference: "multiInstance": two instances of one database and collection, as two windows would have. */
export function describeMultiInstance(h: Harness): void {
  async function pair() {
    const a = await h.open({ multiInstance: true });
    const b = await h.open({ databaseName: a.databaseName, collectionName: a.collectionName, multiInstance: true });
    return { a, b };
  }
  const eventually = (check: () => Promise<void> | void) => vi.waitFor(check, { timeout: 5_000, interval: 20 });

  describe('several instances of one collection', () => {
    it('each finds and queries what the other wrote', async () => {
      const { a, b } = await pair();
      const fromA = note('from-a', 'a');
      const fromB = note('from-b', 'b');
      expectWritten(await a.bulkWrite([insert(fromA)], CONTEXT));
      expectWritten(await b.bulkWrite([insert(fromB)], CONTEXT));
      for (const instance of [a, b])
        await eventually(async () => {
          expect(await instance.findDocumentsById(['from-a', 'from-b'], false)).toHaveLength(2);
          expect(await keysOf(instance)).toEqual(['from-a', 'from-b']);
        });
    });

    it('each emits the other’s writes as events: INSERT, then UPDATE', async () => {
      const { a, b } = await pair();
      const seenByA = collect(a);
      const seenByB = collect(b);
      const operations = (bulks: typeof seenByA) => bulks.flatMap((bulk) => bulk.events.map((e) => [e.operation, e.documentData]));
      const doc = note('shared', 'v1');
      expectWritten(await a.bulkWrite([insert(doc)], CONTEXT));
      // Events of another instance come when they come (Dexie's over a BroadcastChannel): B updates
      // once it has seen the insert, so the order of each side's events is set.
      await eventually(() => expect(operations(seenByB)).toStrictEqual([['INSERT', doc]]));
      const updated = next(doc, { value: 'v2 from b' });
      expectWritten(await b.bulkWrite([{ previous: doc, document: updated }], CONTEXT));
      const expected = [
        ['INSERT', doc],
        ['UPDATE', updated],
      ];
      await eventually(() => expect(operations(seenByA)).toStrictEqual(expected));
      expect(operations(seenByB)).toStrictEqual(expected);
    });

    it('checks a write against what the other instance wrote', async () => {
      const { a, b } = await pair();
      const doc = note('x', 'v1');
      expectWritten(await a.bulkWrite([insert(doc)], CONTEXT));
      expect(conflicts(await b.bulkWrite([insert(note('x', 'clash'))], CONTEXT)).map((c) => c.documentInDb)).toStrictEqual([doc]);
      const fromB = next(doc, { value: 'v2' });
      expectWritten(await b.bulkWrite([{ previous: doc, document: fromB }], CONTEXT));
      const stale = await a.bulkWrite([{ previous: doc, document: next(doc, { value: 'stale' }) }], CONTEXT);
      expect(conflicts(stale).map((c) => c.documentInDb)).toStrictEqual([fromB]);

      // Inserts of one id from both at once: exactly one wins.
      const [fromA2, fromB2] = [note('y', 'a'), note('y', 'b')];
      const responses = await Promise.all([a.bulkWrite([insert(fromA2)], CONTEXT), b.bulkWrite([insert(fromB2)], CONTEXT)]);
      expect(responses.map((r) => r.error.length).sort()).toEqual([0, 1]);
    });
  });
}
