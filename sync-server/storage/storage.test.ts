// The storage conformance suite: the same tests against the SQLite and the PostgreSQL adapter.
// PostgreSQL must be running (BATON_TEST_PG=1 scripts/ensure-postgres.sh); when it is not, every
// PostgreSQL test fails with a message saying so, rather than being skipped.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { openPostgresStorage } from './postgres';
import { openSqliteStorage } from './sqlite';
import { dropPostgresDatabase, freshPostgresUrl } from './test-postgres';
import type { AuditRecord, ChangeNotice, Storage, StoredDoc, UserRecord } from './types';

type Row = Record<string, unknown>;

/** A fresh, empty database for one test. */
interface Fixture {
  /** Opened, not yet migrated. */
  storage: Storage;
  /** Another instance on the same database (as a second server process would have). */
  another(): Promise<Storage>;
  /** Plain SQL on the database, behind the adapter's back. */
  raw(sql: string): Promise<Row[]>;
  dispose(): Promise<void>;
}

interface Adapter {
  name: string;
  /** Whether a notice published by one instance reaches the subscribers of another. */
  sharedNotices: boolean;
  /**
   * Whether two instances in this one process may write at the same time. Not SQLite: its
   * synchronous driver blocks the only thread while waiting for the other instance's lock, which
   * that instance can then never release (two processes would simply wait their turn).
   */
  concurrentInstances: boolean;
  open(): Promise<Fixture>;
}

const sqlite: Adapter = {
  name: 'sqlite',
  // The embedded server is one process: notices stay inside it.
  sharedNotices: false,
  concurrentInstances: false,
  open: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-storage-'));
    const file = path.join(dir, 'baton.sqlite');
    const opened: Storage[] = [];
    const open = async () => {
      const storage = await openSqliteStorage({ file });
      opened.push(storage);
      return storage;
    };
    return {
      storage: await open(),
      another: open,
      raw: async (sql) => {
        const db = new Database(file);
        try {
          const statement = db.prepare(sql);
          if (statement.reader) return statement.all() as Row[];
          statement.run();
          return [];
        } finally {
          db.close();
        }
      },
      dispose: async () => {
        for (const storage of opened) await storage.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Adapter = {
  name: 'postgres',
  sharedNotices: true,
  concurrentInstances: true,
  open: async () => {
    const url = await freshPostgresUrl();
    const opened: Storage[] = [];
    const open = async () => {
      const storage = await openPostgresStorage({ connectionString: url, poolSize: 8 });
      opened.push(storage);
      return storage;
    };
    return {
      storage: await open(),
      another: open,
      raw: async (sql) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          return (await client.query(sql)).rows;
        } finally {
          await client.end();
        }
      },
      dispose: async () => {
        for (const storage of opened) await storage.close().catch(() => undefined);
        await dropPostgresDatabase(url);
      },
    };
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const makeDoc = (id: string, seq: number, buckets: string[], extra: Row = {}, collection = 'tasks'): StoredDoc => ({
  collection,
  id,
  seq,
  deleted: false,
  data: { id, title: `task ${id}`, ...extra },
  buckets,
});

/** Writes one document at a new seq, in its own transaction. */
const put = (storage: Storage, id: string, buckets: string[], previous: string[] = [], extra: Row = {}, collection = 'tasks') =>
  storage.write(async (tx) => {
    const doc = makeDoc(id, await tx.nextSeq(), buckets, extra, collection);
    await tx.putDoc(doc, previous);
    return doc;
  });

const auditEntry = (n: number, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  at: `2026-11-23T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
  actorId: 'u-1',
  workstationId: 'ws-1',
  action: 'update',
  collection: 'tasks',
  docId: `t-${n}`,
  before: { title: `old ${n}`, tags: ['a'] },
  after: { title: `new ${n}`, tags: ['a', 'b'], done: n % 2 === 0 },
  reason: '',
  ...extra,
});

const user = (id: string, username: string): UserRecord => ({
  id,
  username,
  displayName: `User ${id}`,
  roles: ['front_desk'],
  locationIds: ['loc-main', 'loc-north'],
  passwordHash: '$argon2id$v=19$fake',
  passwordTemporary: false,
  active: true,
  createdAt: '2026-11-23T09:00:00.000Z',
});

describe.each([sqlite, postgres])('storage conformance: $name', (adapter) => {
  let fx: Fixture;
  let storage: Storage;

  beforeEach(async () => {
    fx = await adapter.open();
    storage = fx.storage;
  });
  afterEach(async () => {
    await fx?.dispose();
  });

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
          for (const row of await storage.changesSince('tasks', ['A'], checkpoint, 1_000)) {
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
      expect((await storage.changesSince('tasks', ['A'], 0, 100)).map((r) => r.doc.id)).toEqual(['kept-1', 'kept-2']);
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
      expect(await storage.changesSince('tasks', ['B'], 0, 100)).toEqual([]);
      expect(await storage.readAudit({ afterId: 0, limit: 10 })).toEqual([]);
      // Nothing is left locked or half-open.
      expect((await put(storage, 'after', ['A'])).seq).toBe(2);
    });

    it('a document moving from bucket A to B is a change for A-readers and present for B-readers', async () => {
      const first = await put(storage, 'm', ['A']);
      await put(storage, 'other', ['C']);
      const moved = await put(storage, 'm', ['B'], ['A']);

      const forA = await storage.changesSince('tasks', ['A'], first.seq, 100);
      expect(forA).toEqual([{ seq: moved.seq, doc: moved }]);
      expect(forA[0].doc.buckets).not.toContain('A'); // the reader turns this into a removal
      // The old op in A is replaced, not kept next to the new one.
      expect(await storage.changesSince('tasks', ['A'], 0, 100)).toEqual([{ seq: moved.seq, doc: moved }]);
      expect(await storage.changesSince('tasks', ['B'], 0, 100)).toEqual([{ seq: moved.seq, doc: moved }]);
      expect((await storage.changesSince('tasks', ['C'], 0, 100)).map((r) => r.doc.id)).toEqual(['other']);

      const ops = await fx.raw("SELECT bucket, seq, removed FROM bucket_ops WHERE doc_id = 'm' ORDER BY bucket");
      expect(ops.map((o) => [o.bucket, Number(o.seq), Boolean(o.removed)])).toEqual([
        ['A', moved.seq, true],
        ['B', moved.seq, false],
      ]);

      // And back again: A-readers see it arrive, B-readers see it leave.
      const back = await put(storage, 'm', ['A'], ['B']);
      expect(await storage.changesSince('tasks', ['A'], moved.seq, 100)).toEqual([{ seq: back.seq, doc: back }]);
      expect(await storage.changesSince('tasks', ['B'], moved.seq, 100)).toEqual([{ seq: back.seq, doc: back }]);
    });

    it('changesSince respects collection, buckets, afterSeq and limit, in seq order', async () => {
      const a1 = await put(storage, 'a1', ['A']);
      const b1 = await put(storage, 'b1', ['B']);
      const both = await put(storage, 'ab', ['A', 'B']);
      await put(storage, 'c1', ['C']);
      await put(storage, 'r1', ['A'], [], {}, 'rejections');
      const a2 = await put(storage, 'a2', ['A']);

      const ids = async (buckets: string[], after: number, limit: number) =>
        (await storage.changesSince('tasks', buckets, after, limit)).map((r) => `${r.doc.id}@${r.seq}`);
      expect(await ids(['A'], 0, 100)).toEqual([`a1@${a1.seq}`, `ab@${both.seq}`, `a2@${a2.seq}`]);
      expect(await ids(['A', 'B'], 0, 100)).toEqual([`a1@${a1.seq}`, `b1@${b1.seq}`, `ab@${both.seq}`, `a2@${a2.seq}`]);
      expect(await ids(['A', 'B'], b1.seq, 100)).toEqual([`ab@${both.seq}`, `a2@${a2.seq}`]);
      expect(await ids(['A', 'B'], 0, 2)).toEqual([`a1@${a1.seq}`, `b1@${b1.seq}`]);
      expect(await ids(['A', 'B'], a2.seq, 100)).toEqual([]);
      expect(await ids(['Z'], 0, 100)).toEqual([]);
      expect(await ids([], 0, 100)).toEqual([]);
      expect((await storage.changesSince('rejections', ['A'], 0, 100)).map((r) => r.doc.id)).toEqual(['r1']);
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
      expect((await storage.changesSince('tasks', ['A'], 0, 100)).map((r) => r.doc.id)).toEqual(['committed']);
      expect(await storage.getDoc('tasks', 'pending')).toBeUndefined();
      expect(await storage.countDocs('tasks')).toBe(1);
      expect(await storage.currentSeq()).toBe(1);
      expect(await storage.readAudit({ afterId: 0, limit: 10 })).toEqual([]);
      release();
      const doc = await pending;
      expect((await storage.changesSince('tasks', ['A'], 1, 100)).map((r) => r.doc)).toEqual([doc]);
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
        const rows = await storage.changesSince('tasks', ['A', 'B'], checkpoint, 37);
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

    it('close() ends the storage', async () => {
      await put(storage, 'a', ['A']);
      await storage.close();
      await expect(storage.getDoc('tasks', 'a')).rejects.toThrow();
      // The data is still on disk for the next instance.
      expect((await (await fx.another()).getDoc('tasks', 'a'))?.seq).toBe(1);
    });
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
