// How a workstation's replica on an older schema version becomes the current one. RxDB runs these
// when the app opens the replica (renderer/db/database.ts): each stored document, and each
// replication's record of the server's last known state, goes through the strategies from its
// version up, keeping its write time, so the replication resumes from its checkpoint and still
// uploads every change made before the upgrade. Never reset a replica to change its shape: a
// reset drops what was not uploaded yet.
//
// To change a collection's replica schema (shared/rx-schemas.ts, generated from the zod schema), e.g. tasks from 0 to 1:
//   1. make the change (a field added to the zod schema is one) and set `version: 1` on the schema
//      (RxDB refuses a changed schema without it: an added index or field, a longer maxLength,
//      anything); rx-schemas.test.ts fails until it holds the new shape;
//   2. add `1: (doc) => ({ ...doc, newField: 'default' })` to that collection below: it turns a
//      version-0 document into a version-1 one (return null only to drop a document that holds
//      nothing unsent, pendingSync false);
//   3. a field the server does not know must not reach it: the server validates every push;
//   4. extend tests/replication/replica-migration.test.ts to open a replica at the old version.
import type { MigrationStrategies } from 'rxdb';
import type { CollectionName } from './collections';

export const replicaMigrations: Record<CollectionName, MigrationStrategies> = {
  tasks: {
    // 1: the server-owned list of the task's documents (issue 19); the server's copy of a task
    // held before it had one lists none either (migration 0006).
    1: (doc: Record<string, unknown>) => ({ ...doc, attachments: [] }),
  },
  rejections: {},
  config: {},
  notifications: {},
  preferences: {},
};
