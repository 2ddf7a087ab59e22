// Reads the audit table of a running server's SQLite file, read-only (WAL lets a second reader in).
import path from 'node:path';
import Database from 'better-sqlite3';

export interface AuditRow {
  id: number;
  actor_id: string;
  action: string;
  collection: string;
  doc_id: string;
  reason: string;
}

export function readAudit(dataDir: string, afterId = 0): AuditRow[] {
  const db = new Database(path.join(dataDir, 'baton.sqlite'), { readonly: true });
  try {
    return db
      .prepare<[number], AuditRow>('SELECT id, actor_id, action, collection, doc_id, reason FROM audit WHERE id > ? ORDER BY id')
      .all(afterId);
  } finally {
    db.close();
  }
}
