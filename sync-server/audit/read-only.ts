// The audit log opened for checking only: no schema is created, migrated or repaired, and what
// guards the log (its table, its append-only triggers) is reported as found, not fixed.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import pg from 'pg';
import { toStoredAudit } from '../storage/sqlite-security';
import type { StoredAuditEntry } from '../storage/types';

export interface AuditSource {
  /** What is missing around the log: a table, a trigger. Empty when all is in place. */
  guards(): Promise<string[]>;
  readAudit(query: { afterId: number; limit: number }): Promise<StoredAuditEntry[]>;
  /** A value of the settings table (e.g. where the chain starts after an archive), undefined when absent. */
  setting(key: string): Promise<string | undefined>;
  close(): Promise<void>;
}

const SQLITE_TRIGGERS = ['audit_no_update', 'audit_no_delete'];
const POSTGRES_TRIGGERS = ['audit_no_change', 'audit_no_truncate'];

export function openSqliteAudit(file: string): AuditSource {
  if (!fs.existsSync(file)) throw new Error(`no Baton database at ${file} (set BATON_DATA_DIR to the server's data folder)`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const hasTable = () => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get();
  return {
    guards: async () => {
      if (!hasTable()) return ['the audit table is missing'];
      const present = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'").all().map((t) => t.name));
      return SQLITE_TRIGGERS.filter((name) => !present.has(name)).map((name) => `the append-only trigger ${name} is missing (dropped?)`);
    },
    readAudit: async ({ afterId, limit }) => {
      if (!hasTable()) return [];
      return db
        .prepare<[number, number], Parameters<typeof toStoredAudit>[0] & { before: string | null; after: string | null }>('SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?')
        .all(afterId, limit)
        .map((row) => toStoredAudit({ ...row, before: row.before === null ? null : JSON.parse(row.before), after: row.after === null ? null : JSON.parse(row.after) }));
    },
    setting: async (key) => {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get()) return undefined;
      return db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value;
    },
    close: async () => {
      db.close();
    },
  };
}

export async function openPostgresAudit(connectionString: string): Promise<AuditSource> {
  // Every transaction of this connection is read-only: the check cannot write, even by mistake.
  const client = new pg.Client({ connectionString, application_name: 'baton-audit-verify', options: '-c default_transaction_read_only=on' });
  await client.connect();
  const hasTable = async () => (await client.query<{ t: string | null }>("SELECT to_regclass('audit')::text AS t")).rows[0].t !== null;
  return {
    guards: async () => {
      if (!(await hasTable())) return ['the audit table is missing'];
      const { rows } = await client.query<{ tgname: string; tgenabled: string }>(
        "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit'::regclass AND NOT tgisinternal",
      );
      const state = new Map(rows.map((r) => [r.tgname, r.tgenabled]));
      return POSTGRES_TRIGGERS.flatMap((name) =>
        !state.has(name) ? [`the append-only trigger ${name} is missing (dropped?)`] : state.get(name) === 'D' ? [`the append-only trigger ${name} is disabled`] : [],
      );
    },
    readAudit: async ({ afterId, limit }) => {
      if (!(await hasTable())) return [];
      const { rows } = await client.query<Parameters<typeof toStoredAudit>[0] & { id: string }>('SELECT * FROM audit WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit]);
      return rows.map(toStoredAudit);
    },
    setting: async (key) => {
      if ((await client.query<{ t: string | null }>("SELECT to_regclass('settings')::text AS t")).rows[0].t === null) return undefined;
      return (await client.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value;
    },
    close: () => client.end(),
  };
}
