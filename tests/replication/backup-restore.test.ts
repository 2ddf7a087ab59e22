// Back up while writes run, stop, restore, start: workstations resync with nothing lost. The real
// server process, the real backup and restore commands, real SQLite and PostgreSQL, and the
// renderer's own replication client. One workstation kept editing offline after the backup; the
// other stayed online, received what others wrote after the backup, and just reconnects.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createTask, updateTask } from '../../renderer/db/tasks';
import type { Task } from '../../shared/task';
import { openStorage } from '../../sync-server/storage/open';
import { dropPostgresDatabase, freshPostgresUrl } from '../../sync-server/storage/test-postgres';
import { newTaskDoc, signIn, type Api } from '../support/api';
import { eventually, openWorkstation, type Workstation } from '../support/node-workstation';
import { startServer, tempDir } from '../support/server-process';

const ROOT = path.resolve(import.meta.dirname, '../..');
const exec = promisify(execFile);

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined);
});

/** Runs one of the server's command-line tools as IT would, with the server's environment. */
async function tool(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const getTask = async (ws: Workstation, id: string) => (await ws.db.tasks.findOne(id).exec())?.toJSON() as Task | undefined;
const pending = (ws: Workstation) => ws.db.tasks.count({ selector: { pendingSync: true } }).exec();
const serverTasks = async (api: Api) =>
  new Map((await api.pullAll('tasks', 500)).documents.map((d) => [d.id as string, d as Task & { _deleted: boolean }]));

/** Pushes new tasks one after another until stopped: the clinic keeps working during the backup. */
function keepWriting(api: Api) {
  const acked: string[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const doc = newTaskDoc({ title: `Written during the backup ${acked.length}` });
      const { status } = await api.post('/api/sync/tasks/push', [{ newDocumentState: doc }]);
      if (status !== 200) throw new Error(`push failed: ${status}`);
      acked.push(doc.id);
    }
  })();
  return {
    acked,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describe.each(['sqlite', 'postgres'] as const)('backup and restore on %s', (kind) => {
  it('restores a backup taken while writes run; workstations resync and nothing they hold is lost', { timeout: 300_000 }, async () => {
    const dataDir = tempDir('baton-restore-');
    const pgUrl = kind === 'postgres' ? await freshPostgresUrl() : undefined;
    if (pgUrl) cleanup.push(() => dropPostgresDatabase(pgUrl));
    const env: Record<string, string> = { BATON_DATA_DIR: dataDir, ...(pgUrl ? { BATON_DATABASE_URL: pgUrl } : {}) };
    const server = await startServer({ dataDir, env });
    cleanup.push(() => server.stop());
    const api = await signIn(server.url, 'frontdesk', 'ws-api');

    // A keeps editing offline after the backup; B stays online and only reconnects.
    const a = await openWorkstation(server.url, { username: 'frontdesk', pullBatchSize: 50 });
    cleanup.push(() => a.close());
    const b = await openWorkstation(server.url, { username: 'manager', pullBatchSize: 50 });
    cleanup.push(() => b.close());
    await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]);
    await Promise.all([a.connected(), b.connected()]);

    // The backup runs while another client keeps writing.
    const writer = keepWriting(api);
    await eventually(() => writer.acked.length >= 1, 60_000, 'the first write');
    const ackedBefore = writer.acked.length;
    const file = path.join(tempDir('baton-backups-'), 'baton.backup');
    const backup = await tool('sync-server/backup/backup-cli.ts', ['--out', file], env);
    const ackedDuring = writer.acked.length - ackedBefore;
    await writer.stop();
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toContain(`Backup written to ${file}`);
    expect(backup.out).toContain('secrets: not included');
    expect(ackedDuring).toBeGreaterThan(0);

    // After the backup: B edits a task and a new one arrives from elsewhere (B receives both);
    // A goes offline, edits another task and makes a new one.
    // Two of the practice's tasks from before the backup (not the ones written during it).
    const [edited, editedOffline] = (
      await a.db.tasks
        .find({ selector: { status: { $in: ['new', 'ready', 'in_progress'] }, queue: 'front_desk' }, sort: [{ id: 'asc' }] })
        .exec()
    )
      .map((d) => d.toJSON() as Task)
      .filter((t) => !writer.acked.includes(t.id));
    expect(editedOffline).toBeDefined();
    await updateTask(b.db, edited.id, { priority: edited.priority === 'urgent' ? 'low' : 'urgent' });
    const bEdit = (await getTask(b, edited.id))!.priority;
    const lateDoc = newTaskDoc({ title: 'Filed after the backup' });
    expect((await api.post('/api/sync/tasks/push', [{ newDocumentState: lateDoc }])).status).toBe(200);
    await eventually(
      async () => (await pending(b)) === 0 && (await getTask(b, lateDoc.id)) !== undefined,
      60_000,
      'B holds what was written after the backup',
    );
    await eventually(
      async () => (await getTask(a, lateDoc.id)) !== undefined && (await getTask(a, edited.id))?.priority === bEdit,
      60_000,
      'A too',
    );

    a.goOffline();
    const aEdit = editedOffline.priority === 'high' ? 'low' : 'high';
    await updateTask(a.db, editedOffline.id, { priority: aEdit });
    const madeOffline = await createTask(
      a.db,
      {
        title: 'Made offline after the backup',
        typeId: 'general',
        queue: 'front_desk',
        locationId: 'loc-main',
        priority: 'normal',
        dueAt: new Date().toISOString(),
        channel: 'walk_in',
      },
      { id: a.user.id, displayName: a.user.displayName },
    );

    // IT's scheduled export of the audit head, taken after the backup.
    const headFile = path.join(path.dirname(file), 'audit-head-after-backup.json');
    const exported = await tool('sync-server/audit/verify-cli.ts', ['--export-head', headFile], env);
    expect(exported.code, exported.out).toBe(0);

    // Restore refuses while the server runs, and changes nothing.
    const refused = await tool('sync-server/backup/restore-cli.ts', [file], env);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/running|connection/);

    await server.stop();
    const restored = await tool('sync-server/backup/restore-cli.ts', [file], env);
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toContain('database identity');

    // The backup holds every write acknowledged before it started; it lacks what came after.
    const storage = await openStorage({ dataDir, databaseUrl: pgUrl });
    try {
      for (const id of writer.acked.slice(0, ackedBefore)) expect(await storage.getDoc('tasks', id), id).toBeDefined();
      expect(await storage.getDoc('tasks', lateDoc.id)).toBeUndefined();
      expect((await storage.getDoc('tasks', edited.id))!.data.priority).toBe(edited.priority);
    } finally {
      await storage.close();
    }
    // The restored audit chain verifies; the restore is its newest entry.
    const verified = await tool('sync-server/audit/verify-cli.ts', [], env);
    expect(verified.code, verified.out).toBe(0);
    // The head exported after the backup shows that entries written after it are gone.
    const checked = await tool('sync-server/audit/verify-cli.ts', ['--head', headFile], env);
    expect(checked.code, checked.out).toBe(1);

    await server.restart();
    a.goOnline();
    await eventually(async () => (await pending(a)) === 0 && (await pending(b)) === 0, 120_000, 'both workstations settle');
    await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]);

    // Everything either workstation held is on the server again, with the edits made after the backup.
    const after = await serverTasks(await signIn(server.url, 'manager', 'ws-check'));
    expect(after.get(lateDoc.id)?.title).toBe('Filed after the backup');
    expect(after.get(edited.id)?.priority).toBe(bEdit);
    expect(after.get(editedOffline.id)?.priority).toBe(aEdit);
    expect(after.get(madeOffline.id)?.title).toBe('Made offline after the backup');
    for (const id of writer.acked) expect(after.has(id), `written during the backup: ${id}`).toBe(true);
    // What each workstation holds is the server's: at once for what it wrote, and once its pull of
    // the other's last uploads has landed (settled means nothing left to upload, not pulled yet).
    for (const ws of [a, b]) {
      const differing = async () =>
        (await ws.db.tasks.find().exec())
          .map((doc) => doc.toJSON() as Task)
          .filter((held) => after.get(held.id)?.priority !== held.priority);
      await eventually(async () => (await differing()).length === 0, 60_000, `${ws.user.username}'s replica equal to the server`).catch(
        async (error: unknown) => {
          throw new Error(
            `${String(error)}: ${JSON.stringify((await differing()).map((t) => [t.id, t.priority, after.get(t.id)?.priority]))}`,
          );
        },
      );
    }
    expect(a.sync.resets).toBeGreaterThan(0);
    expect(b.sync.resets).toBeGreaterThan(0);
    // And both workstations converge on the server's state.
    await eventually(
      async () => (await getTask(b, madeOffline.id))?.title === 'Made offline after the backup',
      60_000,
      'B receives A’s offline task',
    );
    await eventually(async () => (await getTask(b, editedOffline.id))?.priority === aEdit, 60_000, 'B receives A’s offline edit');

    // The chain still verifies with the re-uploaded writes appended.
    await server.stop();
    const again = await tool('sync-server/audit/verify-cli.ts', [], env);
    expect(again.code, again.out).toBe(0);
  });
});
