// The dashboard's feed: the replica's tasks handed to the store once, then each change, so a report
// after inserts, edits and deletes equals the shared functions over what the replica then holds.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoConfigDocs } from '../../shared/config/demo';
import { buildPracticeConfig } from '../../shared/config/practice';
import { newId } from '../../shared/ids';
import { computeKpis, kpiOptionsFor, kpiProjection, type KpiReport } from '../../shared/kpi';
import type { Task } from '../../shared/task';
import { demoHistory } from '../../sync-server/seed/history';
import { openBatonDatabase, type BatonDatabase } from '../db/database';
import { inlineEngine } from './kpi-engine';
import { kpiFeedOf } from './kpi-feed';
import { KpiStore } from './kpi-job';

const DAY = 24 * 3600_000;
const NOW = Date.parse('2026-03-11T15:00:00.000Z');
const configDocs = demoConfigDocs('loc-main', (u) => `u-${u}`);
const practice = buildPracticeConfig(configDocs);
const window = { from: new Date(NOW - 7 * DAY).toISOString(), to: new Date(NOW + DAY).toISOString(), at: new Date(NOW).toISOString() };
let db: BatonDatabase;

beforeEach(async () => {
  db = await openBatonDatabase({ userId: `manager-${newId()}`, storage: getRxStorageMemory() as never, multiInstance: false });
  await db.config.bulkInsert(configDocs);
});
afterEach(() => db.close());

/** What the shared functions give over every task the replica holds now. */
async function expected(): Promise<KpiReport> {
  const docs = await db.tasks.find().exec();
  return computeKpis(docs.map((d) => kpiProjection(d.toJSON() as Task)), kpiOptionsFor(practice, window, ['loc-main']));
}

describe('the dashboard feed', () => {
  it('reads the replica in pages, then follows inserts, edits and deletes', async () => {
    // Several pages (of 100 here) of tasks with their histories.
    const history = demoHistory(12, new Date(NOW));
    const tasks = Array.from({ length: 350 }, (_, i) => ({ ...history[i % history.length], id: `t-${i}` }));
    await db.tasks.bulkInsert(tasks);
    const feed = kpiFeedOf(db, inlineEngine, 100);
    const first = await feed.compute(window, ['loc-main']);
    expect(first.created).toBeGreaterThan(0);
    expect(first).toEqual(await expected());

    const open = tasks.find((t) => t.status === 'in_progress')!;
    const done = (await db.tasks.findOne(open.id).exec())!;
    const at = new Date(NOW - 3600_000).toISOString();
    await done.incrementalPatch({
      status: 'done',
      history: [...(done.toJSON() as Task).history, { rev: 99, at, actorId: 'u-manager', actorName: '', workstationId: '', kind: 'updated', changes: [{ field: 'status', from: 'in_progress', to: 'done' }] }],
    });
    await (await db.tasks.findOne(tasks[1].id).exec())!.remove();
    await db.tasks.insert({ ...tasks[2], id: 'fresh', createdAt: at, history: [] });

    // The changes reach the store as the replica emits them.
    const createdNow = async () => {
      await feed.compute(window, ['loc-main']);
      return feed.behind({ kind: 'created' });
    };
    await expect.poll(createdNow).toContain('fresh');
    expect(await feed.compute(window, ['loc-main'])).toEqual(await expected());
    expect(await feed.behind({ kind: 'closed' })).toContain(open.id);
    expect(await feed.behind({ kind: 'created' })).not.toContain(tasks[1].id);
  });

  it('keeps the newest state of a task whatever order the reads arrive in', () => {
    const store = new KpiStore();
    const [task] = demoHistory(2, new Date(NOW)).map(kpiProjection);
    store.upsert([{ lwt: 2, task: { ...task, status: 'done' } }]);
    store.upsert([{ lwt: 1, task: { ...task, status: 'new' } }]);
    store.setPractice(practice);
    store.compute(window, ['loc-main']);
    expect(store.size).toBe(1);
    store.remove([{ id: task.id, lwt: 3 }]);
    store.upsert([{ lwt: 2, task }]);
    expect(store.size).toBe(0);
  });
});
