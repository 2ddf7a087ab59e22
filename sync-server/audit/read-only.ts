// The audit log opened for checking only: no schema is created, migrated or repaired, and what
// guards the log (its table, its append-only triggers) is reported as found, not fixed.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import pg from 'pg';
import { postgresDialect, postgresSql } from '../storage/sql/postgres-sql';
import { readSetting } from '../storage/sql/queries';
import { toStoredAudit, type AuditRow } from '../storage/sql/rows';
import type { Dialect, Sql } from '../storage/sql/sql';
import { sqliteDialect, sqliteSql } from '../storage/sql/sqlite-sql';
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

const readAuditRows = async (sql: Sql, dialect: Dialect, afterId: number, limit: number) =>
  (await sql.all<AuditRow>('SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?', [afterId, limit])).map((row) =>
    toStoredAudit(row, dialect.json),
  );

export function openSqliteAudit(file: string): AuditSource {
  if (!fs.existsSync(file)) throw new Error(`no Baton database at ${file} (set BATON_DATA_DIR to the server's data folder)`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const sql = sqliteSql(db);
  const hasTable = () => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'").get();
  return {
    guards: async () => {
      if (!hasTable()) return ['the audit table is missing'];
      const present = new Set(
        db
          .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")
          .all()
          .map((t) => t.name),
      );
      return SQLITE_TRIGGERS.filter((name) => !present.has(name)).map((name) => `the append-only trigger ${name} is missing (dropped?)`);
    },
    readAudit: async ({ afterId, limit }) => {
      if (!hasTable()) return [];
      return readAuditRows(sql, sqliteDialect, afterId, limit);
    },
    setting: async (key) => {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get()) return undefined;
      return readSetting(sql, key);
    },
    close: async () => {
      db.close();
    },
  };
}

export async function openPostgresAudit(connectionString: string): Promise<AuditSource> {
  // Every transaction of this connection is read-only: the check cannot write, even by mistake.
  const client = new pg.Client({
    connectionString,
    application_name: 'baton-audit-verify',
    options: '-c default_transaction_read_only=on',
  });
  await client.connect();
  const sql = postgresSql(client);
  const hasTable = async () => (await client.query<{ t: string | null }>("SELECT to_regclass('audit')::text AS t")).rows[0].t !== null;
  return {
    guards: async () => {
      if (!(await hasTable())) return ['the audit table is missing'];
      const { rows } = await client.query<{ tgname: string; tgenabled: string }>(
        "SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit'::regclass AND NOT tgisinternal",
      );
      const state = new Map(rows.map((r) => [r.tgname, r.tgenabled]));
      return POSTGRES_TRIGGERS.flatMap((name) =>
        !state.has(name)
          ? [`the append-only trigger ${name} is missing (dropped?)`]
          : state.get(name) === 'D'
            ? [`the append-only trigger ${name} is disabled`]
            : [],
      );
    },
    readAudit: async ({ afterId, limit }) => {
      if (!(await hasTable())) return [];
      return readAuditRows(sql, postgresDialect, afterId, limit);
    },
    setting: async (key) => {
      if ((await client.query<{ t: string | null }>("SELECT to_regclass('settings')::text AS t")).rows[0].t === null) return undefined;
      return readSetting(sql, key);
    },
    close: () => client.end(),
  };
}
