// The schema's version, kept in the settings table: readiness checks it, and a server refuses to
// run on a database a newer release has already upgraded (its code would not know the new shape).
import type { Storage } from './types';

/** Bump with every change of the tables in sqlite.ts and postgres.ts (both at once). */
export const SCHEMA_VERSION = 1;
const KEY = 'schema_version';

/** The version the database says it holds (0: never recorded, a database from before versions). */
export async function storedSchemaVersion(storage: Storage): Promise<number> {
  const value = await storage.getSetting(KEY);
  return value === undefined ? 0 : Number(value);
}

/** After migrate(): records this release's version, or throws when the database is newer. */
export async function recordSchemaVersion(storage: Storage): Promise<void> {
  const stored = await storedSchemaVersion(storage);
  if (stored > SCHEMA_VERSION) {
    throw new Error(`The database holds schema version ${stored}, newer than this server's ${SCHEMA_VERSION}: run the release that upgraded it, or a newer one.`);
  }
  if (stored !== SCHEMA_VERSION) await storage.setSetting(KEY, String(SCHEMA_VERSION));
}
