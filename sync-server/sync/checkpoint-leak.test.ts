// The old-checkpoint leak test, for every role: a pull from an old-style checkpoint
// (`checkpoint=1` and the other legacy forms), a forged one or another user's, hands out nothing
// (no document and no removal) of a task outside the reader's scope. Removals still reach a
// replica that held the task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../shared/config/demo';
import { readableBuckets } from '../../shared/policy';
import type { Task } from '../../shared/task';
import type { Role } from '../../shared/wire';
import { signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

const LEGACY = ['1', '0', '', '5', '{"seq":1}', '{"seq":3}', '"1"', 'null', 'undefined'];

describe.each(['sqlite', 'postgres'] as const)('pull checkpoints and removals on %s', (kind) => {
  let running: InProcessServer;
  let manager: Api;
  const users = new Map<string, Api>();

  /** Ids of the returned documents the reader may not read now (their stored buckets say). */
  async function outsideScope(who: Api, documents: { id: string }[]): Promise<string[]> {
    const user = (await running.server.storage.getUser(who.userId))!;
    const queues = [
      ...(await running.server.storage.listDocs('config')).filter((d) => d.id.startsWith('queue:')).map((d) => d.id.slice(6)),
    ];
    const readable = new Set(readableBuckets({ id: user.id, roles: user.roles as Role[], locationIds: user.locationIds }, queues));
    const outside: string[] = [];
    for (const doc of documents) {
      const stored = await running.server.storage.getDoc('tasks', doc.id);
      if (!stored!.buckets.some((b) => readable.has(b))) outside.push(doc.id);
    }
    return outside;
  }
  /** Ids sent as deleted whose task is not deleted: removals (a deleted task in scope is its own tombstone). */
  async function removals(documents: { id: string; _deleted: boolean }[]): Promise<string[]> {
    const ids: string[] = [];
    for (const doc of documents) if (doc._deleted && !(await running.server.storage.getDoc('tasks', doc.id))!.deleted) ids.push(doc.id);
    return ids;
  }
  const move = async (task: Task, patch: Partial<Task>) => {
    const answer = await manager.post('/api/sync/tasks/push', [
      { assumedMasterState: task, newDocumentState: { ...task, ...patch, pendingSync: true } },
    ]);
    expect(answer.status).toBe(200);
  };

  beforeAll(async () => {
    running = await startInProcess(kind);
    manager = await signIn(running.base, 'manager');
    for (const person of DEMO_STAFF) users.set(person.username, await signIn(running.base, person.username));
    // History that leaves removals in every queue: tasks routed on, handed over, one deleted.
    const tasks = (await manager.pullAll('tasks', 5000)).documents as Task[];
    const queues = ['front_desk', 'billing', 'referrals', 'clinical_support', 'clinician', 'practice_ops'];
    for (const [i, queue] of queues.entries()) {
      for (const task of tasks.filter((t) => t.queue === queue && t.status === 'new').slice(0, 2))
        await move(task, { queue: queues[(i + 1) % queues.length], ownerId: '' });
    }
    const owned = tasks.find((t) => t.ownerId === 'u-frontdesk')!;
    const fresh = (await running.server.storage.getDoc('tasks', owned.id))!.data as Task;
    await move(fresh, { ownerId: 'u-billing' });
    const doomed = (await manager.pullAll('tasks', 5000)).documents.find((t) => t.status === 'new' && t.queue === 'billing');
    await manager.post('/api/sync/tasks/push', [{ assumedMasterState: doomed, newDocumentState: { ...doomed, _deleted: true } }]);
  });
  afterAll(async () => running?.close());

  it.each(DEMO_STAFF.map((s) => [s.role, s.username] as const))(
    '%s: no legacy checkpoint hands out a removal or a task outside its scope',
    async (_role, username) => {
      const who = users.get(username)!;
      for (const checkpoint of LEGACY) {
        const { documents } = await who.pullAll('tasks', 50, checkpoint || undefined);
        expect(await outsideScope(who, documents), `checkpoint ${JSON.stringify(checkpoint)}`).toEqual([]);
        // A replica that proves no scope held nothing: no removal (a tombstone of a live task) at all.
        expect(await removals(documents), `checkpoint ${JSON.stringify(checkpoint)}`).toEqual([]);
      }
    },
  );

  it.each(DEMO_STAFF.map((s) => [s.role, s.username] as const))(
    '%s: neither a forged scope nor another user’s checkpoint reveals anything outside its scope',
    async (_role, username) => {
      const who = users.get(username)!;
      const others = await Promise.all(
        DEMO_STAFF.filter((s) => s.username !== username).map(
          async (s) => (await users.get(s.username)!.pullAll('tasks', 5000)).checkpoint,
        ),
      );
      for (const checkpoint of [
        '1.abcdefabcdef',
        '1.abcdefabcdef.123456123456',
        '1.abcdefabcdef.h0',
        ...others.map((c) => c.replace(/^\d+/, '1')),
      ]) {
        const { documents } = await who.pullAll('tasks', 50, checkpoint);
        expect(await outsideScope(who, documents), checkpoint).toEqual([]);
        expect(await removals(documents), checkpoint).toEqual([]);
      }
    },
  );

  it('a replica that held a task still gets its removal when it leaves the reader’s scope', async () => {
    const frontDesk = users.get('frontdesk')!;
    const held = await frontDesk.pullAll('tasks', 5000);
    const task = held.documents.find((d) => d.queue === 'front_desk' && d.ownerId !== 'u-frontdesk' && !d._deleted) as Task;
    await move(task, { queue: 'billing', ownerId: '' });
    const next = await frontDesk.pullAll('tasks', 5000, held.checkpoint);
    expect(next.documents).toEqual([expect.objectContaining({ id: task.id, _deleted: true, title: '', patientRef: '' })]);
    // Paging from an older checkpoint of the same scope: the removal again, and nothing else removed.
    const paged = await frontDesk.pullAll('tasks', 3, held.checkpoint);
    expect(paged.documents.filter((d) => d._deleted).map((d) => d.id)).toEqual([task.id]);
  });
});
