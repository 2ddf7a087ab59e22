// Users hold several roles: a data folder from before (one `role` column) keeps working on both
// adapters, its users read their one role, and a change of roles and locations is stored.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from './open';
import { dropPostgresDatabase, freshPostgresUrl } from './test-postgres';
import type { Storage } from './types';

const OLD_USERS = `CREATE TABLE users (
  id TEXT PRIMARY KEY, username TEXT NOT NULL, display_name TEXT NOT NULL, role TEXT NOT NULL,
  location_ids TEXT NOT NULL, password_hash TEXT NOT NULL, active BOOLEAN NOT NULL, created_at TEXT NOT NULL)`;
const OLD_ROW = `INSERT INTO users VALUES ('u-old', 'old', 'Old User', 'billing', '["loc-main"]', 'x', TRUE, 'then')`;

const dropUrls: string[] = [];
afterAll(async () => {
  for (const url of dropUrls) await dropPostgresDatabase(url);
});

/** A data folder (or database) as an older server left it, with one user, then opened now. */
const adapters: { name: string; openOld: () => Promise<Storage> }[] = [
  {
    name: 'sqlite',
    openOld: async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-roles-'));
      const db = new Database(path.join(dataDir, 'baton.sqlite'));
      db.exec(OLD_USERS);
      db.exec(OLD_ROW);
      db.close();
      return openStorage({ dataDir });
    },
  },
  {
    name: 'postgres',
    openOld: async () => {
      const url = await freshPostgresUrl();
      dropUrls.push(url);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(OLD_USERS.replace('location_ids TEXT', 'location_ids jsonb'));
      await client.query(OLD_ROW);
      await client.end();
      return openStorage({ dataDir: '', databaseUrl: url });
    },
  },
];

describe.each(adapters)('user roles on $name', ({ openOld }) => {
  it('reads an older user’s one role and stores several', async () => {
    const storage = await openOld();
    try {
      // An older user's password is their own (the column did not exist).
      expect(await storage.getUser('u-old')).toMatchObject({ roles: ['billing'], locationIds: ['loc-main'], passwordTemporary: false });
      expect(await storage.setUserAccess('u-old', { roles: ['front_desk', 'billing'], locationIds: ['loc-main', 'loc-north'] })).toBe(true);
      expect(await storage.findUserByUsername('old')).toMatchObject({
        roles: ['front_desk', 'billing'],
        locationIds: ['loc-main', 'loc-north'],
      });
      expect(await storage.setUserAccess('u-nobody', { roles: ['admin'], locationIds: [] })).toBe(false);
      await storage.insertUser({
        id: 'u-new',
        username: 'new',
        displayName: 'New',
        roles: ['clinician', 'manager'],
        locationIds: ['loc-main'],
        passwordHash: 'x',
        passwordTemporary: true,
        active: true,
        createdAt: 'now',
      });
      expect(await storage.getUser('u-new')).toMatchObject({ roles: ['clinician', 'manager'], passwordTemporary: true });
    } finally {
      await storage.close();
    }
  });
});
