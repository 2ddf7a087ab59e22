// The schema's version as readiness reports it. The migrator (migrator.ts) records each migration
// in `baton_migrations` and mirrors the version into the settings table, where releases from
// before numbered migrations look for it (so they refuse a database a newer release upgraded).
import { LEGACY_VERSION_KEY } from './migrator';
import type { Storage } from './types';

export { SCHEMA_VERSION } from './migrations/index';

/** The version the database says it holds (0: never recorded, a database from before versions). */
export async function storedSchemaVersion(storage: Storage): Promise<number> {
  const value = await storage.getSetting(LEGACY_VERSION_KEY);
  return value === undefined ? 0 : Number(value);
}
