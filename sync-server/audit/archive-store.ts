// Removes archived entries from the append-only audit table: the one sanctioned delete. In one
// transaction the append-only trigger is lifted, the entries up to the archive's end are deleted,
// the trigger is put back and the chain's new start (MAC'd) is recorded, so no moment exists where
// the log is unguarded or starts unexplained. The trigger text is the schema's (storage/migrations/0001-baseline.ts):
// keep them alike.
import type { ChainPoint } from '../storage/audit-hash';
import { withConnection } from '../storage/sql/connect';
import { putSetting } from '../storage/sql/queries';
import { ARCHIVED_THROUGH_SETTING } from './archive';

/** Lifting and putting back the append-only guard of deletes, per database. */
const GUARD = {
  // Waits for appenders (the trigger change locks the table), then keeps them out until commit.
  postgres: { lift: 'ALTER TABLE audit DISABLE TRIGGER audit_no_change', restore: 'ALTER TABLE audit ENABLE TRIGGER audit_no_change' },
  sqlite: {
    lift: 'DROP TRIGGER audit_no_delete',
    restore: "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
  },
};

export function removeArchived(where: { sqliteFile?: string; databaseUrl?: string }, end: ChainPoint, startValue: string): Promise<number> {
  return withConnection(
    where.databaseUrl ? { url: where.databaseUrl } : { file: where.sqliteFile! },
    'baton-audit-archive',
    async (sql, dialect) => {
      await sql.exec(GUARD[dialect.kind].lift);
      const removed = await sql.run('DELETE FROM audit WHERE id <= ?', [end.id]);
      await sql.exec(GUARD[dialect.kind].restore);
      await putSetting(sql, ARCHIVED_THROUGH_SETTING, startValue);
      return removed;
    },
    // The server may be writing (SQLite): wait for its write lock rather than fail.
    { transaction: true, busyTimeoutMs: 15_000 },
  );
}
