// An app upgrade that changes the replica's schema keeps what was not uploaded yet: a workstation
// replicates with the tasks schema of the release before (version 0, without the task's documents),
// works offline (an edit and a new task, their uploads failing), closes; this release opens the same
// replica with the tasks schema at version 1 and its migration strategy (shared/rx-migrations.ts,
// run by RxDB's migration-schema plugin, renderer/db/database.ts), finds the work still there with
// an empty list of documents, and uploads it once the server is reachable. With and without the
// at-rest encryption.
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import type { RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { taskRxSchema } from '../../shared/rx-schemas';
import type { Task } from '../../shared/task';
import { createTask, updateTask } from '../../renderer/db/tasks';
import { openBatonDatabase, type BatonDatabase, type ReplicaShapes } from '../../renderer/db/database';
import { startSync } from '../../renderer/sync/replication';
import { login, signIn } from '../support/api';
import { bundled } from '../support/bundle';
import { requestUrl } from '../support/request-url';
import { eventually } from '../support/node-workstation';
import { startServer, type RunningServer } from '../support/server-process';

/** The tasks schema of the release before this one: version 0, without the task's documents. */
const { attachments: _attachments, ...v0Properties } = taskRxSchema.properties;
const tasksV0 = {
  ...taskRxSchema,
  version: 0,
  properties: v0Properties,
  required: (taskRxSchema.required as string[]).filter((field) => field !== 'attachments'),
} as unknown as RxJsonSchema<Task>;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ bundle: await bundled('sync-server/main.ts') });
});
afterAll(async () => {
  await server.stop();
});

describe.each([
  { at: 'plain', encryptionKey: undefined },
  { at: 'encrypted', encryptionKey: 'a1'.repeat(32) },
])('a replica schema upgrade ($at at rest)', ({ encryptionKey }) => {
  it('migrates the replica in place and then uploads the changes made before the upgrade', async () => {
    const { token, user } = await login(server.url, 'frontdesk', `ws-${newId().slice(0, 8)}`);
    const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
    const name = `upgrade-${newId().slice(0, 8)}`;
    let online = true;
    let failedPushes = 0;
    const network: typeof fetch = async (input, init) => {
      if (online) return fetch(input, init);
      if (requestUrl(input).endsWith('/push')) failedPushes++;
      throw new TypeError('network is down');
    };
    const open = (shapes?: Partial<ReplicaShapes>) =>
      openBatonDatabase({ userId: user.id, name, storage, multiInstance: false, encryptionKey, shapes });
    const replicate = (db: BatonDatabase) =>
      startSync(db, { serverUrl: server.url, getToken: () => token, fetch: network, retryTime: 100, waitForLeadership: false });

    // The release before (tasks at version 0): replicated, then offline work whose upload fails.
    let db = await open({ tasks: { schema: tasksV0, migrationStrategies: {} } });
    let sync = replicate(db);
    await sync.awaitInSync();
    const edited = (await db.tasks.findOne({ selector: { queue: 'front_desk' } }).exec())!.id;
    online = false;
    await updateTask(db, edited, { title: 'Edited before the upgrade' });
    const filed = await createTask(
      db,
      {
        title: 'Filed before the upgrade',
        typeId: 'claim_status_check',
        queue: 'front_desk',
        locationId: 'loc-main',
        priority: 'normal',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        channel: 'phone',
        patientRef: 'MRN 5150 U.P.',
      },
      { id: user.id, displayName: user.displayName },
    );
    await eventually(() => failedPushes > 0, 15_000, 'an upload attempt while offline');
    const stored = await db.tasks.count().exec();
    await sync.stop();
    await db.close();

    // This release: tasks at version 1, with its own migration strategy.
    db = await open();
    expect(db.tasks.schema.version).toBe(1);
    // Every document went through the strategy (it now lists its documents: none yet), none was
    // dropped, and the offline work is there, still to upload.
    expect((await db.tasks.find().exec()).map((d) => d.toJSON().attachments)).toEqual(Array.from({ length: stored }, () => []));
    expect(await db.tasks.count().exec()).toBe(stored);
    expect((await db.tasks.findOne(edited).exec())?.toJSON()).toMatchObject({ title: 'Edited before the upgrade', pendingSync: true });
    expect((await db.tasks.findOne(filed.id).exec())?.toJSON()).toMatchObject({ title: 'Filed before the upgrade', pendingSync: true });

    online = true;
    sync = replicate(db);
    try {
      await eventually(async () => (await db.tasks.count({ selector: { pendingSync: true } }).exec()) === 0, 30_000, 'the upload');
      const onServer = new Map((await (await signIn(server.url, 'frontdesk')).pullAll('tasks', 200)).documents.map((d) => [d.id, d]));
      expect(onServer.get(edited)?.title).toBe('Edited before the upgrade');
      expect(onServer.get(filed.id)?.title).toBe('Filed before the upgrade');
    } finally {
      await sync.stop();
      await db.close();
    }
  });
});
