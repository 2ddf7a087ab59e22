// The server goes away (stopped, killed) and comes back: nothing acknowledged is lost, and
// workstations resume from their checkpoints.
import { afterEach, describe, expect, it } from 'vitest';
import { createTask, updateTask } from '../../renderer/db/tasks';
import { startServer, type RunningServer } from '../support/server-process';
import { eventually, openWorkstation, type Workstation } from '../support/node-workstation';
import { newTaskDoc, signIn } from '../support/api';
import type { Task } from '../../shared/task';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function serverAndWorkstations(...usernames: string[]): Promise<[RunningServer, ...Workstation[]]> {
  const server = await startServer();
  cleanup.push(() => server.stop());
  const workstations: Workstation[] = [];
  for (const username of usernames) {
    const ws = await openWorkstation(server.url, { username, pullBatchSize: 10 });
    cleanup.push(() => ws.close());
    await ws.sync.awaitInSync();
    await ws.connected();
    workstations.push(ws);
  }
  return [server, ...workstations];
}

const getTask = async (ws: Workstation, id: string) => (await ws.db.tasks.findOne(id).exec())?.toJSON() as Task | undefined;
const pending = (ws: Workstation) => ws.db.tasks.count({ selector: { pendingSync: true } }).exec();

describe('server outage', () => {
  it('keeps an acknowledged write through kill -9', async () => {
    const server = await startServer();
    cleanup.push(() => server.stop());
    const api = await signIn(server.url);
    const doc = newTaskDoc({ title: 'Acknowledged before the crash' });
    expect((await api.post('/api/sync/tasks/push', [{ newDocumentState: doc }])).body).toEqual([]);
    await server.kill9();
    await server.restart();
    const again = await signIn(server.url);
    const { documents } = await again.pullAll('tasks', 1000);
    expect(documents.find((d) => d.id === doc.id)?.title).toBe('Acknowledged before the crash');
  });

  it('resumes from the checkpoint after a server restart, without downloading everything again', async () => {
    const [server, a, b] = await serverAndWorkstations('frontdesk', 'manager');
    expect(a.pulls.documents).toBeGreaterThanOrEqual(40);
    await server.stop();
    await eventually(() => !a.sync.status$.value.connected, 10_000, 'A notices the outage');

    const made = await createTask(
      a.db,
      {
        title: 'Made while the server was down',
        typeId: 'general',
        queue: 'front_desk',
        locationId: 'loc-main',
        priority: 'normal',
        dueAt: new Date().toISOString(),
        channel: 'walk_in',
      },
      { id: a.user.id, displayName: a.user.displayName },
    );
    expect(await pending(a)).toBe(1);

    const pulledBefore = { a: a.pulls.documents, b: b.pulls.documents };
    await server.restart();
    await eventually(async () => (await pending(a)) === 0, 20_000, 'A uploads');
    await eventually(async () => (await getTask(b, made.id)) !== undefined, 20_000, 'B receives');
    // Only the new task (and at most a page of re-sent edge rows) came down again.
    expect(b.pulls.documents - pulledBefore.b).toBeLessThanOrEqual(10);
    expect(a.pulls.documents - pulledBefore.a).toBeLessThanOrEqual(10);
  });

  it('applies a push once when its answer was lost and RxDB sends it again', async () => {
    const [, a, b] = await serverAndWorkstations('frontdesk', 'manager');
    const target = (await a.db.tasks.findOne({ selector: { status: 'ready' } }).exec())!.toJSON() as Task;
    a.loseNextPushAnswer();
    await updateTask(a.db, target.id, { priority: 'urgent' });
    await eventually(async () => (await pending(a)) === 0, 15_000, 'A settles');
    await eventually(async () => (await getTask(b, target.id))?.priority === 'urgent', 15_000, 'B receives');
    const stored = (await getTask(b, target.id))!;
    // One entry more than the demo task's own past: the resent push was applied once.
    const updates = (task: Task) => task.history.filter((h) => h.kind === 'updated').length;
    expect(updates(stored)).toBe(updates(target) + 1);
    expect(stored.rev).toBe((await getTask(a, target.id))!.rev);
  });
});
