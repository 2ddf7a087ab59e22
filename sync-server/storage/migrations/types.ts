import type { Kysely } from 'kysely';

/** What a migration gets: the open migration transaction, and which database it runs on. */
export interface MigrationContext {
  kind: 'sqlite' | 'postgres';
  /**
   * The transaction as a Kysely instance: its schema builder writes one definition for both
   * databases (`m.db.schema.createTable('x').ifNotExists()...`).
   */
  db: Kysely<unknown>;
  /** Runs a script of several statements (dialect-specific SQL, e.g. triggers) in the transaction. */
  exec(script: string): Promise<void>;
  /** Runs one statement and returns its rows. */
  rows<R>(statement: string): Promise<R[]>;
}

export interface BatonMigration {
  /** 1, 2, 3…: the schema version the database is at once this migration ran. */
  version: number;
  /** A short name; with the version it is the row recorded in `baton_migrations`. */
  name: string;
  up(m: MigrationContext): Promise<void>;
}
