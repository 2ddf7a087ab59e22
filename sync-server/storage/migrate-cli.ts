// `npm run migrate` (or `node dist/server/migrate.js`): brings the server's database to this
// release's schema, where the server would find it (BATON_DATABASE_URL, else BATON_DATA_DIR).
// The server does the same at every start; this runs it on its own, e.g. before starting several
// new instances. Exit 0 when the schema is current, 1 when it could not be (the database stays at
// its version), 2 when a newer release has already upgraded the database.
import fs from 'node:fs';
import { migratePostgres, migrateSqlite, SchemaTooNewError } from './migrator';
import { sqliteFileIn } from './open';
import { storageLocationFromEnv } from '../secrets/data-location';

async function main(): Promise<void> {
  const where = storageLocationFromEnv();
  let outcome;
  if (where.databaseUrl) {
    outcome = await migratePostgres(where.databaseUrl);
  } else {
    fs.mkdirSync(where.dataDir, { recursive: true });
    outcome = await migrateSqlite(sqliteFileIn(where.dataDir));
  }
  console.log(
    outcome.applied.length === 0
      ? `Schema of ${where.label} is current: version ${outcome.to}.`
      : `Schema of ${where.label} migrated from version ${outcome.from} to ${outcome.to} (${outcome.applied.join(', ')}).`,
  );
}

main().catch((error: unknown) => {
  console.error(`migrate: ${(error as Error).message}`);
  process.exit(error instanceof SchemaTooNewError ? 2 : 1);
});
