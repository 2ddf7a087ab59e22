// Migration 5 (SQLite only): the docs table as an ordinary rowid table. As a WITHOUT ROWID table
// (migration 1) a document of about 1 kB spilled into an overflow page of its own: two 4 kB pages
// a document (235 MB for 50,000 tasks), so a pull page of 1,000 documents read 2,000 pages at
// random. A rowid table keeps three to four documents a page, copied here in seq order, so a
// first pull reads them nearly in order (a 50,000-task pull's queries took 4-6x less time).
// PostgreSQL's tables are heaps already. Same columns, key and index as before.
import type { MigrationContext } from './types';

export async function up(m: MigrationContext): Promise<void> {
  if (m.kind !== 'sqlite') return;
  const [table] = await m.rows<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'docs'");
  // Idempotent like migration 1 (a data folder may come back without its migration table).
  if (!/WITHOUT\s+ROWID/i.test(table.sql)) return;
  await m.exec(`
CREATE TABLE docs_by_rowid (
  collection TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, deleted INTEGER NOT NULL,
  data TEXT NOT NULL, buckets TEXT NOT NULL, PRIMARY KEY (collection, id));
INSERT INTO docs_by_rowid (collection, id, seq, deleted, data, buckets)
  SELECT collection, id, seq, deleted, data, buckets FROM docs ORDER BY seq;
DROP TABLE docs;
ALTER TABLE docs_by_rowid RENAME TO docs;
CREATE INDEX docs_by_seq ON docs (collection, seq);
`);
}
