// A fresh replica's first sign-in takes its tasks in bulk (renderer/sync/bootstrap.ts), and the
// replication goes on from there as if it had pulled them itself: the same replica, the same
// bookkeeping, nothing pushed back, the person's edits (made after it or while it runs) kept and
// merged, and a bootstrap cut short goes on from its last page. Workstations on the app's log
// storage (fake-indexeddb), encrypted, against a real server with a month of demo history.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateTask } from '../../renderer/db/tasks';
import type { Task } from '../../shared/task';
import { signIn } from '../support/api';
import { eventually, openWorkstation, type Workstation } from '../support/node-workstation';
import { requestUrl } from '../support/request-url';
import { getTask } from '../support/replication-harness';
import { startServer, type RunningServer } from '../support/server-process';

const KEY = '3c'.repeat(32);
let server: RunningServer;
let serverTasks: Task[];
const open: Workstation[] = [];

beforeAll(async () => {
  server = await startServer({ env: { BATON_DEMO_HISTORY_DAYS: '30' } });
});
// In the server's order, which a test's edits change for the next.
beforeEach(async () => {
  serverTasks = (await (await signIn(server.url, 'manager')).pullAll('tasks', 5000)).documents;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((ws) => ws.close()));
});
afterAll(async () => {
  await server?.stop();
});

/** What a workstation asked of the server for tasks: each pull's limit and documents, each push's rows. */
interface Traffic {
  pulls: { limit: number; documents: number }[];
  pushedRows: number;
}

/** A request held on its way to the server until released. */
interface Hold {
  reached: Promise<void>;
  release(): void;
}

/**
 * The manager's workstation; with `holdSecondPage`, the bootstrap's second page waits on the
 * network until released; with `secondPageAnswer`, it gets that answer instead of the server's.
 */
async function manager(options: { bootstrap?: false; holdSecondPage?: boolean; secondPageAnswer?: () => Response } = {}) {
  const traffic: Traffic = { pulls: [], pushedRows: 0 };
  let arrive!: () => void;
  let release!: () => void;
  const hold: Hold = { reached: new Promise<void>((r) => (arrive = r)), release: () => release() };
  const released = new Promise<void>((r) => (release = r));
  let holding = options.holdSecondPage === true;
  let answering = options.secondPageAnswer;
  const network: typeof fetch = async (input, init) => {
    const url = requestUrl(input);
    const secondPage = url.includes('/api/sync/tasks/pull?') && url.includes('limit=5000');
    if (holding && secondPage) {
      holding = false;
      arrive();
      await released;
    }
    if (answering && secondPage) {
      const answer = answering();
      answering = undefined;
      return answer;
    }
    const response = await fetch(input, init);
    if (url.includes('/api/sync/tasks/pull?') && response.ok) {
      const body = (await response.clone().json()) as { documents: unknown[] };
      traffic.pulls.push({ limit: Number(new URL(url).searchParams.get('limit')), documents: body.documents.length });
    }
    if (url.endsWith('/api/sync/tasks/push')) traffic.pushedRows += (JSON.parse(init?.body as string) as unknown[]).length;
    return response;
  };
  const ws = await openWorkstation(server.url, {
    username: 'manager',
    storage: 'log',
    encryptionKey: KEY,
    network,
    bootstrap: options.bootstrap,
  });
  open.push(ws);
  return { ws, traffic, hold };
}

/** An open task of the bootstrap's first page (the server's first 500 in pull order). */
const firstPageTask = () => serverTasks.slice(0, 500).find((t) => t.status !== 'closed' && t.status !== 'done' && t.priority === 'normal')!;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
const tasksOf = async (ws: Workstation) => (await ws.db.tasks.find().exec()).map((d) => d.toJSON() as Task).sort(byId);
/** The replication's bookkeeping: each task's server state as the replica assumes it, and the pull's checkpoint. */
async function bookkeeping(ws: Workstation, ids: string[]) {
  const meta = ws.sync.replications.tasks.metaInstance!;
  const rows = await meta.findDocumentsById([...ids.map((id) => `${id}|0`), 'down|1'], true);
  const row = (id: string) => rows.find((r) => r.id === id) as { docData?: unknown; checkpointData?: unknown } | undefined;
  return { states: ids.map((id) => row(`${id}|0`)?.docData), pull: row('down|1')?.checkpointData };
}

describe("a fresh replica's first sign-in", () => {
  it('takes the tasks in bulk and ends as a page-by-page replication does, pushing nothing back', async () => {
    expect(serverTasks.length).toBeGreaterThan(500);
    const paged = await manager({ bootstrap: false });
    const bulk = await manager();
    await Promise.all([paged.ws.sync.awaitInSync(), bulk.ws.sync.awaitInSync()]);

    // The bootstrap's pages: a small first one for the board, then the pull's largest, each task once.
    expect(bulk.traffic.pulls[0]).toEqual({ limit: 500, documents: 500 });
    expect(bulk.traffic.pulls[1].limit).toBe(5000);
    expect(bulk.traffic.pulls.reduce((n, p) => n + p.documents, 0)).toBe(serverTasks.length);
    expect(paged.traffic.pulls.every((p) => p.limit === 1000)).toBe(true);

    const ids = serverTasks.map((t) => t.id);
    expect(await tasksOf(bulk.ws)).toEqual(await tasksOf(paged.ws));
    expect((await tasksOf(bulk.ws)).map((t) => t.id)).toEqual([...ids].sort());
    expect(await bookkeeping(bulk.ws, ids)).toEqual(await bookkeeping(paged.ws, ids));
    expect(bulk.traffic.pushedRows).toBe(0);

    // The replica reopens as it was, and the replication goes on from the checkpoint.
    const pullsBefore = bulk.traffic.pulls.length;
    await bulk.ws.restart();
    await bulk.ws.sync.awaitInSync();
    expect(await tasksOf(bulk.ws)).toEqual(await tasksOf(paged.ws));
    expect(bulk.traffic.pulls.slice(pullsBefore).reduce((n, p) => n + p.documents, 0)).toBe(0);
    expect(bulk.traffic.pushedRows).toBe(0);
  });

  it("pushes the person's edit after it as their own update, and takes in others' changes", async () => {
    const { ws, traffic } = await manager();
    await ws.sync.awaitInSync();
    await ws.connected();
    const task = serverTasks.find((t) => t.status !== 'closed' && t.status !== 'done' && t.priority === 'normal')!;
    await updateTask(ws.db, task.id, { priority: 'urgent' });
    await eventually(async () => (await getTask(ws, task.id))?.pendingSync === false, 15_000, 'the edit stamped');
    const mine = (await getTask(ws, task.id))!;
    expect(traffic.pushedRows).toBe(1);
    expect(mine.rev).toBeGreaterThan(task.rev);
    expect(mine.history.at(-1)).toMatchObject({ kind: 'updated', actorId: ws.user.id });
    expect(mine.history.at(-1)!.superseded).toBeUndefined();

    // Another person's change of another task arrives.
    const other = serverTasks.find((t) => t.status !== 'closed' && t.id !== task.id)!;
    const them = await manager({ bootstrap: false });
    await them.ws.sync.awaitInSync();
    await updateTask(them.ws.db, other.id, { title: 'Changed at the other desk' });
    await eventually(async () => (await getTask(ws, other.id))?.title === 'Changed at the other desk', 15_000, 'the change arrived');
  });

  it("keeps the person's edit made while it runs, and merges it with another desk's change of the same task", async () => {
    const them = await manager({ bootstrap: false });
    await them.ws.sync.awaitInSync();
    const task = firstPageTask();
    const { ws, traffic, hold } = await manager({ holdSecondPage: true });
    await hold.reached;
    await eventually(async () => (await getTask(ws, task.id)) !== undefined, 15_000, 'the first page in the replica');
    // While the rest is on its way: this person raises the priority, the other desk retitles it.
    await updateTask(ws.db, task.id, { priority: 'urgent' });
    await updateTask(them.ws.db, task.id, { title: 'Retitled at the other desk' });
    await eventually(async () => (await getTask(them.ws, task.id))?.pendingSync === false, 15_000, 'the other desk stamped');
    hold.release();
    await ws.sync.awaitInSync();
    await eventually(
      async () => {
        const mine = await getTask(ws, task.id);
        return mine?.pendingSync === false && mine.priority === 'urgent' && mine.title === 'Retitled at the other desk';
      },
      20_000,
      'both changes in the replica',
    );
    await eventually(async () => (await getTask(them.ws, task.id))?.priority === 'urgent', 20_000, 'both changes at the other desk');
    // Only the edit went up: nothing the bootstrap wrote.
    expect(traffic.pushedRows).toBe(1);
    expect(await tasksOf(ws)).toHaveLength(serverTasks.length);
  });

  it('has the practice configuration while the tasks still come in, and says it is filling until they are all in', async () => {
    const config = (await (await signIn(server.url, 'manager')).pullAll('config')).documents;
    expect(config.length).toBeGreaterThan(10);
    const { ws, hold } = await manager({ holdSecondPage: true });
    await hold.reached;
    await eventually(async () => (await ws.db.config.count().exec()) === config.length, 15_000, 'the configuration in the replica');
    await eventually(async () => (await ws.db.tasks.count().exec()) === 500, 15_000, 'the first page in the replica');
    // The board says it is still filling (and the end-to-end tests wait for it to be done).
    expect(ws.sync.firstSync$.value).toBe('filling');
    hold.release();
    await ws.sync.awaitInSync();
    expect(ws.sync.firstSync$.value).toBe('done');
    expect(await tasksOf(ws)).toHaveLength(serverTasks.length);

    // The next start has nothing to fill: never "filling".
    await ws.restart();
    const seen: string[] = [];
    const watching = ws.sync.firstSync$.subscribe((state) => seen.push(state));
    await ws.sync.awaitInSync();
    watching.unsubscribe();
    expect(seen).not.toContain('filling');
    expect(seen.at(-1)).toBe('done');
  });

  it('cut short, goes on from its last page at the next start', async () => {
    const { ws, traffic, hold } = await manager({ holdSecondPage: true });
    await hold.reached;
    await eventually(async () => (await getTask(ws, firstPageTask().id)) !== undefined, 15_000, 'the first page in the replica');
    // The app closes while the second page is on its way; the held request never returns.
    await ws.restart();
    await ws.sync.awaitInSync();
    expect((await tasksOf(ws)).map((t) => t.id)).toEqual(serverTasks.map((t) => t.id).sort());
    // Page by page from the first page's checkpoint: each task pulled once, nothing pushed.
    expect(traffic.pulls.reduce((n, p) => n + p.documents, 0)).toBe(serverTasks.length);
    expect(traffic.pulls.slice(1).every((p) => p.limit === 1000)).toBe(true);
    expect(traffic.pushedRows).toBe(0);
  });

  it.each([
    ['a refused token', () => new Response('{"error":"unauthorized"}', { status: 401 })],
    ['a restored server database', () => Response.json({ documents: [], checkpoint: null, reset: true })],
    ['a server error', () => new Response('{"error":"boom"}', { status: 500 })],
    ['an answer of another shape', () => Response.json({ documents: 'none' })],
  ])('stopped by %s, leaves the rest to the replication, from its last page', async (_, answer) => {
    const { ws, traffic } = await manager({ secondPageAnswer: answer });
    await ws.sync.awaitInSync();
    expect((await tasksOf(ws)).map((t) => t.id)).toEqual(serverTasks.map((t) => t.id).sort());
    // The first page from the bootstrap, the rest page by page from its checkpoint: each task once.
    expect(traffic.pulls[0]).toEqual({ limit: 500, documents: 500 });
    expect(traffic.pulls.slice(1).every((p) => p.limit === 1000)).toBe(true);
    expect(traffic.pulls.reduce((n, p) => n + p.documents, 0)).toBe(serverTasks.length);
    expect(traffic.pushedRows).toBe(0);
  });
});
