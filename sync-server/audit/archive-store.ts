// Removes archived entries from the append-only audit table: the one sanctioned delete. In one
// transaction the append-only trigger is lifted, the entries up to the archive's end are deleted,
// the trigger is put back and the chain's new start (MAC'd) is recorded, so no moment exists where
// the log is unguarded or starts unexplained. The trigger text is the schema's (storage/sqlite.ts,
// storage/postgres.ts): keep them alike.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { ChainPoint } from '../storage/audit-hash';
import { ARCHIVED_THROUGH_SETTING } from './archive';

export async function removeArchived(where: { sqliteFile?: string; databaseUrl?: string }, end: ChainPoint, startValue: string): Promise<number> {
  if (where.databaseUrl) {
    const client = new pg.Client({ connectionString: where.databaseUrl, application_name: 'baton-audit-archive' });
    await client.connect();
    try {
      await client.query('BEGIN');
      // Waits for appenders (the trigger change locks the table), then keeps them out until commit.
      await client.query('ALTER TABLE audit DISABLE TRIGGER audit_no_change');
      const { rowCount } = await client.query('DELETE FROM audit WHERE id <= $1', [end.id]);
      await client.query('ALTER TABLE audit ENABLE TRIGGER audit_no_change');
      await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [ARCHIVED_THROUGH_SETTING, startValue]);
      await client.query('COMMIT');
      return rowCount ?? 0;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  }
  const db = new Database(where.sqliteFile!, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 15000');
    return db
      .transaction(() => {
        db.exec('DROP TRIGGER audit_no_delete');
        const { changes } = db.prepare('DELETE FROM audit WHERE id <= ?').run(end.id);
        db.exec("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END");
        db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(ARCHIVED_THROUGH_SETTING, startValue);
        return changes;
      })
      .immediate();
  } finally {
    db.close();
  }
}
