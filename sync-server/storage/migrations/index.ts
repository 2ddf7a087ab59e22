// The server's schema: every migration, in order. A database records the ones it ran in the
// `baton_migrations` table; the server runs the missing ones at start (and `npm run migrate`
// does it on demand), all in one transaction under a lock, and refuses a database that ran
// a migration it does not know (a newer release upgraded it).
//
// To change the schema: add a file `NNNN-what.ts` exporting `up(m)` and list it below with the
// next version. Never edit or reorder a migration that has shipped. Write it with the schema
// builder (`m.db.schema`, one definition for both databases) or, where the two differ, branch
// on `m.kind` and use `m.exec(sql)`. Test it from the previous version's shape (migrate.test.ts).
// A block written in the setup-script style (CREATE TABLE IF NOT EXISTS ..., per adapter) moves in
// as it is: `up: (m) => m.exec(m.kind === 'sqlite' ? SQLITE_SQL : POSTGRES_SQL)`.
import type { BatonMigration } from './types';
import * as baseline from './0001-baseline';
import * as signInFailures from './0002-sign-in-failures';
import * as workstationRollout from './0003-workstation-rollout';
import * as apiKeys from './0004-api-keys';
import * as docsRowid from './0005-docs-rowid';
import * as attachments from './0006-attachments';
import * as requestLinks from './0007-request-links';
import * as inboundSources from './0008-inbound-sources';
import * as webhooks from './0009-webhooks';

export const MIGRATIONS: readonly BatonMigration[] = [
  { version: 1, name: 'baseline', up: baseline.up },
  { version: 2, name: 'sign_in_failures', up: signInFailures.up },
  { version: 3, name: 'workstation_rollout', up: workstationRollout.up },
  { version: 4, name: 'api_keys', up: apiKeys.up },
  { version: 5, name: 'docs_rowid', up: docsRowid.up },
  { version: 6, name: 'attachments', up: attachments.up },
  { version: 7, name: 'request_links', up: requestLinks.up },
  { version: 8, name: 'inbound_sources', up: inboundSources.up },
  { version: 9, name: 'webhooks', up: webhooks.up },
];

/** The schema version this code needs: the last migration's. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The name recorded in `baton_migrations`: zero-padded so names sort as versions. */
export const migrationKey = (m: Pick<BatonMigration, 'version' | 'name'>): string => `${String(m.version).padStart(4, '0')}_${m.name}`;
