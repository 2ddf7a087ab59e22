// The storage conformance suites' fixtures: a fresh database per test on each adapter (SQLite and
// PostgreSQL), and the documents, audit entries and users they write. PostgreSQL must be running
// (BATON_TEST_PG=1 scripts/ensure-postgres.sh); when it is not, every PostgreSQL test fails with a
// message saying so, rather than being skipped.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openPostgresStorage } from './postgres';
import { openSqliteStorage } from './sqlite';
import { dropPostgresDatabase, freshPostgresUrl, queryPostgres } from './test-postgres';
import type { AuditRecord, Storage, StoredDoc, UserRecord } from './types';

type Row = Record<string, unknown>;

/** A fresh, empty database for one test. */
export interface Fixture {
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

/** Opens instances on one database and keeps them, so a fixture closes every one it handed out. */
function instances(openOne: () => Promise<Storage>) {
  const opened: Storage[] = [];
  const open = async () => {
    const storage = await openOne();
    opened.push(storage);
    return storage;
  };
  const closeAll = async () => {
    for (const storage of opened) await storage.close().catch(() => undefined);
  };
  return { open, closeAll };
}

const sqlite: Adapter = {
  name: 'sqlite',
  // The embedded server is one process: notices stay inside it.
  sharedNotices: false,
  concurrentInstances: false,
  open: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-storage-'));
    const file = path.join(dir, 'baton.sqlite');
    const { open, closeAll } = instances(() => openSqliteStorage({ file }));
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
        await closeAll();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgres: Adapter = {
  name: 'postgres',
  sharedNotices: true,
  concurrentInstances: true,
  open: async () => {
    const url = await freshPostgresUrl();
    const { open, closeAll } = instances(() => openPostgresStorage({ connectionString: url, poolSize: 8 }));
    return {
      storage: await open(),
      another: open,
      raw: (sql) => queryPostgres(url, sql),
      dispose: async () => {
        await closeAll();
        await dropPostgresDatabase(url);
      },
    };
  },
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export const makeDoc = (id: string, seq: number, buckets: string[], extra: Row = {}, collection = 'tasks'): StoredDoc => ({
  collection,
  id,
  seq,
  deleted: false,
  data: { id, title: `task ${id}`, ...extra },
  buckets,
});

/** Writes one document at a new seq, in its own transaction. */
export const put = (storage: Storage, id: string, buckets: string[], previous: string[] = [], extra: Row = {}, collection = 'tasks') =>
  storage.write(async (tx) => {
    const doc = makeDoc(id, await tx.nextSeq(), buckets, extra, collection);
    await tx.putDoc(doc, previous);
    return doc;
  });

/** changesSince with each document's JSON text parsed back into `data`, to compare with what was put. */
export const changes = async (storage: Storage, collection: string, buckets: string[], afterSeq: number, limit: number) =>
  (await storage.changesSince(collection, buckets, afterSeq, limit)).map(({ seq, doc: { json, ...doc } }) => ({
    seq,
    doc: { ...doc, data: JSON.parse(json) as Row } satisfies StoredDoc,
  }));

export const auditEntry = (n: number, extra: Partial<AuditRecord> = {}): AuditRecord => ({
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

export const user = (id: string, username: string): UserRecord => ({
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

export const ADAPTERS = [sqlite, postgres];

/**
 * Opens a fresh database before each test of the enclosing suite (migrated when asked), hands it
 * to `opened`, and disposes of it after the test.
 */
export function freshDatabaseEachTest(adapter: Adapter, opened: (fx: Fixture) => void, { migrated = false } = {}): void {
  let fx: Fixture | undefined;
  beforeEach(async () => {
    fx = await adapter.open();
    if (migrated) await fx.storage.migrate();
    opened(fx);
  });
  afterEach(async () => {
    await fx?.dispose();
  });
}
