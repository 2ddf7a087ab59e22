// A large first replication is written in bulks of a bounded size (renderer/sync/pull-pace.ts):
// a manager's fresh replica of the demo practice's history, pulled 20 documents a page from a real
// server process onto Dexie, is written in bulks of at most what a pull may go ahead of and a page,
// and holds every task the server gives the manager. Without the pace RxDB merges whatever piled
// up while it wrote into one bulk, which this test also shows, so the bound is the pace's doing.
// On Dexie, earlier releases' storage, whose slow writes let pulls pile up: on the app's log
// storage a write often ends before the next page arrives, and the control would depend on timing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/api';
import { openWorkstation } from '../support/node-workstation';
import { startServer, type RunningServer } from '../support/server-process';

const PAGE = 20;
const AHEAD = 60;
let server: RunningServer;
let serverTasks: number;

beforeAll(async () => {
  server = await startServer({ env: { BATON_DEMO_HISTORY_DAYS: '30' } });
  const api = await signIn(server.url, 'manager');
  serverTasks = (await api.pullAll('tasks', 1000)).documents.length;
});
afterAll(async () => {
  await server?.stop();
});

/** A fresh replica's first replication: the sizes of the bulks its pulled tasks were written in, and the tasks it holds. */
async function firstReplication(pullAhead: number): Promise<{ bulks: number[]; held: number }> {
  const ws = await openWorkstation(server.url, { username: 'manager', storage: 'dexie', pullBatchSize: PAGE, pullAhead });
  const bulks: number[] = [];
  const following = ws.db.tasks.eventBulks$.subscribe((bulk) => {
    if (bulk.context.startsWith('replication-downstream-')) bulks.push(bulk.events.length);
  });
  try {
    await ws.sync.awaitInSync();
    return { bulks, held: await ws.db.tasks.count().exec() };
  } finally {
    following.unsubscribe();
    await ws.close();
  }
}

describe('the pace of a first replication', () => {
  it('writes the replica in bulks of at most what a pull may go ahead of and a page, and holds every task', async () => {
    expect(serverTasks).toBeGreaterThan(10 * AHEAD);
    const { bulks, held } = await firstReplication(AHEAD);
    expect(held).toBe(serverTasks);
    expect(Math.max(...bulks)).toBeLessThanOrEqual(AHEAD + PAGE);
    expect(bulks.reduce((a, b) => a + b, 0)).toBe(serverTasks);
  });

  it('without it, RxDB writes what piled up while it wrote as larger bulks', async () => {
    const { bulks, held } = await firstReplication(Infinity);
    expect(held).toBe(serverTasks);
    expect(Math.max(...bulks)).toBeGreaterThan(AHEAD + PAGE);
  });
});
