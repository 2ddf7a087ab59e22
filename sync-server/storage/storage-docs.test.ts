// Storage conformance (the same tests against SQLite and PostgreSQL, test-storage.ts): documents,
// their writers and buckets, seqs, transactions and savepoints, and reading changes by seq.
import { describe, expect, it } from 'vitest';
import { ADAPTERS, auditEntry, changes, freshDatabaseEachTest, makeDoc, put, sleep, type Fixture } from './test-storage';
import type { Storage } from './types';

describe.each(ADAPTERS)('storage conformance, documents and transactions: $name', (adapter) => {
  let fx: Fixture;
  let storage: Storage;
  freshDatabaseEachTest(adapter, (opened) => ((fx = opened), (storage = opened.storage)), { migrated: true });

  it('records who made each write of a document, per seq, and undoes it with a rolled-back savepoint', async () => {
    const write = (id: string, writer?: string) =>
      storage.write(async (tx) => {
        const before = await tx.getDoc('tasks', id);
        const doc = makeDoc(id, await tx.nextSeq(), ['A']);
        await tx.putDoc(doc, before?.buckets ?? [], writer);
        return doc.seq;
      });
    const s1 = await write('a', 'replica:u-1:aaaa');
    const s2 = await write('a', 'session:s-2');
    await write('b', 'replica:u-1:aaaa');
    const s4 = await write('a');
    const s5 = await write('a', 'replica:u-1:aaaa');
    await storage.write(async (tx) => {
      await tx
        .savepoint(async () => {
          await tx.putDoc(makeDoc('a', await tx.nextSeq(), ['A']), ['A'], 'replica:u-9:undone');
          throw new Error('row refused');
        })
        .catch(() => undefined);
      expect(await tx.writersAfter('tasks', 'a', 0)).toEqual(
        new Map([
          [s1, 'replica:u-1:aaaa'],
          [s2, 'session:s-2'],
          [s5, 'replica:u-1:aaaa'],
        ]),
      );
      expect(await tx.writersAfter('tasks', 'a', s2)).toEqual(new Map([[s5, 'replica:u-1:aaaa']]));
      expect(await tx.writersAfter('tasks', 'a', s5)).toEqual(new Map());
      expect(await tx.writersAfter('config', 'a', 0)).toEqual(new Map());
    });
    expect(s4).toBe(s2 + 2);
  });

  it('stores a document and reads it back, inside and outside the transaction', async () => {
    const data = { nested: { list: [1, 2.5, 'three', null, { deep: true }] }, text: 'Zoë — 東京 "quoted" \\ back', n: -0.125 };
    const result = await storage.write(async (tx) => {
      expect(await tx.getDoc('tasks', 'a')).toBeUndefined();
      const doc = makeDoc('a', await tx.nextSeq(), ['loc:main:queue:intake', 'user:u-1'], data);
      await tx.putDoc(doc, []);
      expect(await tx.getDoc('tasks', 'a')).toEqual(doc);
      return { written: doc };
    });
    expect(result.written.seq).toBe(1);
    expect(await storage.getDoc('tasks', 'a')).toEqual(result.written);
    expect(await storage.getDoc('tasks', 'missing')).toBeUndefined();
    expect(await storage.getDoc('rejections', 'a')).toBeUndefined();
    expect(await storage.countDocs('tasks')).toBe(1);
    expect(await storage.countDocs('rejections')).toBe(0);
    expect(await storage.listDocs('tasks')).toEqual([result.written]);
    expect(await storage.currentSeq()).toBe(1);

    // An update replaces the document; a tombstone keeps its data and says deleted.
    await storage.write(async (tx) => {
      const before = await tx.getDoc('tasks', 'a');
      await tx.putDoc({ ...before!, seq: await tx.nextSeq(), deleted: true, data: { id: 'a', title: 'gone' } }, before!.buckets);
    });
    expect(await storage.getDoc('tasks', 'a')).toEqual({
      collection: 'tasks',
      id: 'a',
      seq: 2,
      deleted: true,
      data: { id: 'a', title: 'gone' },
      buckets: ['loc:main:queue:intake', 'user:u-1'],
    });
    expect(await storage.countDocs('tasks')).toBe(1);
    expect(await storage.listDocs('tasks')).toEqual([]);
  });

  it('hands out strictly increasing seqs, within and across transactions', async () => {
    expect(await storage.currentSeq()).toBe(0);
    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await storage.write(async (tx) => {
        seqs.push(await tx.nextSeq(), await tx.nextSeq());
      });
    }
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(10);
    expect(seqs[0]).toBeGreaterThan(0);
    expect(await storage.currentSeq()).toBe(seqs[9]);
    // A second instance continues the same sequence.
    const other = await fx.another();
    expect(await put(other, 'x', ['A'])).toMatchObject({ seq: seqs[9] + 1 });
  });

  it('commits in seq order: a reader paging by seq under concurrent writers misses nothing', async () => {
    const writers = 40;
    const written = new Set<number>();
    let done = false;
    const seen = new Set<number>();
    const reader = (async () => {
      let checkpoint = 0;
      // One last pass after the writers finish picks up the tail.
      for (let last = false; !last;) {
        last = done;
        for (const row of await changes(storage, 'tasks', ['A'], checkpoint, 1_000)) {
          seen.add(row.seq);
          checkpoint = Math.max(checkpoint, row.seq);
        }
        await sleep(1);
      }
    })();
    const other = adapter.concurrentInstances ? await fx.another() : storage;
    try {
      await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          (i % 2 ? other : storage).write(async (tx) => {
            await sleep(Math.random() * 4);
            const seq = await tx.nextSeq();
            // Hold the seq for a while before committing, so a later seq could commit first.
            await sleep(Math.random() * 8);
            await tx.putDoc(makeDoc(`w${i}`, seq, ['A']), []);
            written.add(seq);
          }),
        ),
      );
    } finally {
      done = true;
      await reader;
    }
    expect(written.size).toBe(writers);
    expect([...written].filter((seq) => !seen.has(seq))).toEqual([]);
    expect(await storage.currentSeq()).toBe(Math.max(...written));
  });

  it('two batches touching the same documents in opposite order both commit (no deadlock)', async () => {
    await put(storage, 'x', ['A']);
    await put(storage, 'y', ['A']);
    const other = adapter.concurrentInstances ? await fx.another() : storage;
    // Like a push: read (and lock) a row, take a seq, write, then the next row.
    const batch = (s: Storage, ids: string[]) =>
      s.write(async (tx) => {
        for (const id of ids) {
          const before = await tx.getDoc('tasks', id);
          await sleep(30);
          await tx.putDoc({ ...before!, seq: await tx.nextSeq() }, before!.buckets);
        }
      });
    await Promise.all([batch(storage, ['x', 'y']), batch(other, ['y', 'x'])]);
    expect(await storage.currentSeq()).toBe(6);
    const seqs = [(await storage.getDoc('tasks', 'x'))!.seq, (await storage.getDoc('tasks', 'y'))!.seq];
    expect(seqs.sort((a, b) => a - b)).toEqual([5, 6]);
  });

  it('a failed savepoint undoes only what it wrote', async () => {
    const outcome = await storage.write(async (tx) => {
      await tx.putDoc(makeDoc('kept-1', await tx.nextSeq(), ['A']), []);
      const error = await tx
        .savepoint(async () => {
          await tx.putDoc(makeDoc('undone', await tx.nextSeq(), ['A']), []);
          await tx.appendAudit(auditEntry(1));
          expect(await tx.getDoc('tasks', 'undone')).toBeDefined();
          throw new Error('row refused');
        })
        .catch((e: Error) => e);
      const value = await tx.savepoint(async () => {
        await tx.putDoc(makeDoc('kept-2', await tx.nextSeq(), ['A']), []);
        return 'ok';
      });
      expect(await tx.getDoc('tasks', 'undone')).toBeUndefined();
      return { message: error.message, value };
    });
    expect(outcome).toEqual({ message: 'row refused', value: 'ok' });
    expect(await storage.getDoc('tasks', 'kept-1')).toBeDefined();
    expect(await storage.getDoc('tasks', 'kept-2')).toBeDefined();
    expect(await storage.getDoc('tasks', 'undone')).toBeUndefined();
    expect((await changes(storage, 'tasks', ['A'], 0, 100)).map((r) => r.doc.id)).toEqual(['kept-1', 'kept-2']);
    expect(await storage.readAudit({ afterId: 0, limit: 10 })).toEqual([]);
  });

  it('a write that throws rolls back everything and leaves the storage usable', async () => {
    await put(storage, 'before', ['A']);
    const boom = new Error('boom');
    await expect(
      storage.write(async (tx) => {
        await tx.putDoc(makeDoc('lost', await tx.nextSeq(), ['A', 'B']), []);
        const before = await tx.getDoc('tasks', 'before');
        await tx.putDoc({ ...before!, seq: await tx.nextSeq(), data: { id: 'before', title: 'changed' }, buckets: ['B'] }, ['A']);
        await tx.appendAudit(auditEntry(1));
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await storage.getDoc('tasks', 'lost')).toBeUndefined();
    expect(await storage.getDoc('tasks', 'before')).toEqual(makeDoc('before', 1, ['A']));
    expect(await storage.currentSeq()).toBe(1);
    expect(await changes(storage, 'tasks', ['B'], 0, 100)).toEqual([]);
    expect(await storage.readAudit({ afterId: 0, limit: 10 })).toEqual([]);
    // Nothing is left locked or half-open.
    expect((await put(storage, 'after', ['A'])).seq).toBe(2);
  });

  it('a document moving from bucket A to B is a change for A-readers and present for B-readers', async () => {
    const first = await put(storage, 'm', ['A']);
    await put(storage, 'other', ['C']);
    const moved = await put(storage, 'm', ['B'], ['A']);

    const forA = await changes(storage, 'tasks', ['A'], first.seq, 100);
    expect(forA).toEqual([{ seq: moved.seq, doc: moved }]);
    expect(forA[0].doc.buckets).not.toContain('A'); // the reader turns this into a removal
    // The old op in A is replaced, not kept next to the new one.
    expect(await changes(storage, 'tasks', ['A'], 0, 100)).toEqual([{ seq: moved.seq, doc: moved }]);
    expect(await changes(storage, 'tasks', ['B'], 0, 100)).toEqual([{ seq: moved.seq, doc: moved }]);
    expect((await changes(storage, 'tasks', ['C'], 0, 100)).map((r) => r.doc.id)).toEqual(['other']);

    const ops = await fx.raw("SELECT bucket, seq, removed FROM bucket_ops WHERE doc_id = 'm' ORDER BY bucket");
    expect(ops.map((o) => [o.bucket, Number(o.seq), Boolean(o.removed)])).toEqual([
      ['A', moved.seq, true],
      ['B', moved.seq, false],
    ]);

    // And back again: A-readers see it arrive, B-readers see it leave.
    const back = await put(storage, 'm', ['A'], ['B']);
    expect(await changes(storage, 'tasks', ['A'], moved.seq, 100)).toEqual([{ seq: back.seq, doc: back }]);
    expect(await changes(storage, 'tasks', ['B'], moved.seq, 100)).toEqual([{ seq: back.seq, doc: back }]);
  });

  it('changesSince respects collection, buckets, afterSeq and limit, in seq order', async () => {
    const a1 = await put(storage, 'a1', ['A']);
    const b1 = await put(storage, 'b1', ['B']);
    const both = await put(storage, 'ab', ['A', 'B']);
    await put(storage, 'c1', ['C']);
    await put(storage, 'r1', ['A'], [], {}, 'rejections');
    const a2 = await put(storage, 'a2', ['A']);

    const ids = async (buckets: string[], after: number, limit: number) =>
      (await changes(storage, 'tasks', buckets, after, limit)).map((r) => `${r.doc.id}@${r.seq}`);
    expect(await ids(['A'], 0, 100)).toEqual([`a1@${a1.seq}`, `ab@${both.seq}`, `a2@${a2.seq}`]);
    expect(await ids(['A', 'B'], 0, 100)).toEqual([`a1@${a1.seq}`, `b1@${b1.seq}`, `ab@${both.seq}`, `a2@${a2.seq}`]);
    expect(await ids(['A', 'B'], b1.seq, 100)).toEqual([`ab@${both.seq}`, `a2@${a2.seq}`]);
    expect(await ids(['A', 'B'], 0, 2)).toEqual([`a1@${a1.seq}`, `b1@${b1.seq}`]);
    expect(await ids(['A', 'B'], a2.seq, 100)).toEqual([]);
    expect(await ids(['Z'], 0, 100)).toEqual([]);
    expect(await ids([], 0, 100)).toEqual([]);
    expect((await changes(storage, 'rejections', ['A'], 0, 100)).map((r) => r.doc.id)).toEqual(['r1']);
  });

  it('changesSince, getDoc and currentSeq never see an uncommitted write', async () => {
    await put(storage, 'committed', ['A']);
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pending = storage.write(async (tx) => {
      const doc = makeDoc('pending', await tx.nextSeq(), ['A']);
      await tx.putDoc(doc, []);
      await tx.appendAudit(auditEntry(1));
      inside();
      await gate;
      return doc;
    });
    await entered;
    expect((await changes(storage, 'tasks', ['A'], 0, 100)).map((r) => r.doc.id)).toEqual(['committed']);
    expect(await storage.getDoc('tasks', 'pending')).toBeUndefined();
    expect(await storage.countDocs('tasks')).toBe(1);
    expect(await storage.currentSeq()).toBe(1);
    expect(await storage.readAudit({ afterId: 0, limit: 10 })).toEqual([]);
    release();
    const doc = await pending;
    expect((await changes(storage, 'tasks', ['A'], 1, 100)).map((r) => r.doc)).toEqual([doc]);
    expect(await storage.currentSeq()).toBe(2);
    expect(await storage.readAudit({ afterId: 0, limit: 10 })).toHaveLength(1);
  });

  it('paging through 1,000 writes made at the same wall-clock time with limit 37 returns each document once', async () => {
    const at = '2026-11-23T10:00:00.000Z';
    for (let batch = 0; batch < 25; batch++) {
      await storage.write(async (tx) => {
        for (let i = 0; i < 40; i++) {
          const id = `p${String(batch * 40 + i).padStart(4, '0')}`;
          await tx.putDoc(makeDoc(id, await tx.nextSeq(), ['A', 'B'], { updatedAt: at }), []);
        }
      });
    }
    // Rewrite 100 of them: their ops move to the end, and each still comes once.
    await storage.write(async (tx) => {
      for (let i = 0; i < 1_000; i += 10) {
        const id = `p${String(i).padStart(4, '0')}`;
        const before = await tx.getDoc('tasks', id);
        await tx.putDoc({ ...before!, seq: await tx.nextSeq(), data: { ...before!.data, title: 'again' } }, before!.buckets);
      }
    });
    const seen: string[] = [];
    const seqs: number[] = [];
    let checkpoint = 0;
    for (let page = 0; page < 100; page++) {
      const rows = await changes(storage, 'tasks', ['A', 'B'], checkpoint, 37);
      expect(rows.length).toBeLessThanOrEqual(37);
      if (rows.length === 0) break;
      for (const row of rows) {
        seen.push(row.doc.id);
        seqs.push(row.seq);
      }
      checkpoint = rows[rows.length - 1].seq;
    }
    expect(seen).toHaveLength(1_000);
    expect(new Set(seen).size).toBe(1_000);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(1_000);
    expect(seen.slice(-100).every((id) => Number(id.slice(1)) % 10 === 0)).toBe(true);
  });
});
