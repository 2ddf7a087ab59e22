// The pull writes its answer as JSON text around each document's stored JSON (pull.ts): what it
// answers must be exactly what serializing the stored documents answers, on both databases, for
// documents in scope, deleted ones and removals, page after page in seq order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { newTaskDoc, request, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { HANDLERS } from './handlers';
import { wireJson } from './pull';

describe('wireJson', () => {
  it('adds _deleted last, as spreading the parsed document would', () => {
    for (const data of [{ id: 'a' }, { id: 'b', title: 'Brace } and {"quote"}', nested: { list: [1, { x: '}' }] } }, {}]) {
      for (const deleted of [false, true])
        expect(wireJson(JSON.stringify(data), deleted)).toBe(JSON.stringify({ ...data, _deleted: deleted }));
    }
  });

  it('reads PostgreSQL’s jsonb text (spaces after separators) to the same document', () => {
    expect(JSON.parse(wireJson('{"id": "a", "n": 1, "o": {"k": "}"}}', true))).toEqual({ id: 'a', n: 1, o: { k: '}' }, _deleted: true });
    expect(JSON.parse(wireJson('{}', false))).toEqual({ _deleted: false });
  });
});

describe.each(['sqlite', 'postgres'] as const)('pull answers on %s', (kind) => {
  let running: InProcessServer;
  let manager: Api;
  let frontdesk: Api;
  /** The front desk's checkpoint before the changes below. */
  let before: string;
  const changed: { moved: string[]; deleted: string; edited: string } = { moved: [], deleted: '', edited: '' };

  const stored = async (id: string) => (await running.server.storage.getDoc('tasks', id))!;
  const push = async (task: Task, patch: Partial<Task> & { _deleted?: boolean }) => {
    const answer = await manager.post('/api/sync/tasks/push', [
      { assumedMasterState: task, newDocumentState: { ...task, ...patch, pendingSync: true } },
    ]);
    // Applied as pushed: nothing answered (refused or merged).
    expect(answer).toEqual({ status: 200, body: [] });
  };

  beforeAll(async () => {
    // No SLA automation: its writes between two pages would send a document again (as they should).
    running = await startInProcess(kind, {}, { BATON_SLA_AUTOMATION: '0' });
    manager = await signIn(running.base, 'manager');
    frontdesk = await signIn(running.base, 'frontdesk');
    const filed = Array.from({ length: 4 }, (_, i) => newTaskDoc({ title: `Front desk ${i}`, queue: 'front_desk', ownerId: '' }));
    expect(
      await manager.post(
        '/api/sync/tasks/push',
        filed.map((doc) => ({ newDocumentState: doc })),
      ),
    ).toEqual({ status: 200, body: [] });
    const { documents, checkpoint } = await frontdesk.pullAll('tasks', 1000);
    before = checkpoint;
    const theirs = filed.map((doc) => documents.find((t: Task) => t.id === doc.id) as Task);
    // Two leave the front desk's queue (removals for it), one is deleted, one gets text JSON must escape.
    for (const task of theirs.slice(0, 2)) {
      await push((await stored(task.id)).data as Task, { queue: 'billing', ownerId: '' });
      changed.moved.push(task.id);
    }
    changed.deleted = theirs[2].id;
    await push((await stored(changed.deleted)).data as Task, { _deleted: true });
    changed.edited = theirs[3].id;
    await push((await stored(changed.edited)).data as Task, { title: 'Brace } "quoted" \\ back\nline \u2028 ünï 🩺' });
  });
  afterAll(async () => running?.close());

  it('answers every readable document as stored with _deleted, once, in seq order, on pages of any size', async () => {
    for (const limit of [7, 1000]) {
      const { documents, pages } = await manager.pullAll('tasks', limit);
      expect(pages).toBeGreaterThan(limit === 7 ? 5 : 0);
      expect(new Set(documents.map((d) => d.id)).size).toBe(await running.server.storage.countDocs('tasks'));
      expect(documents).toHaveLength(await running.server.storage.countDocs('tasks'));
      const seqs: number[] = [];
      for (const doc of documents) {
        const state = await stored(doc.id);
        seqs.push(state.seq);
        // Same keys in the same order, same values.
        expect(JSON.stringify(doc)).toBe(JSON.stringify({ ...state.data, _deleted: state.deleted }));
      }
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
  });

  it('answers a reader who lost documents their removals, a deleted one as deleted, and the rest as stored', async () => {
    const { documents, checkpoint } = await frontdesk.pullAll('tasks', 3, before);
    const byId = new Map(documents.map((d) => [d.id as string, d]));
    expect(documents).toHaveLength(byId.size);
    for (const id of changed.moved)
      expect(JSON.stringify(byId.get(id))).toBe(JSON.stringify(HANDLERS.tasks.removal((await stored(id)).data as Task)));
    const deleted = await stored(changed.deleted);
    expect(JSON.stringify(byId.get(changed.deleted))).toBe(JSON.stringify({ ...deleted.data, _deleted: true }));
    expect(byId.get(changed.edited)).toEqual({ ...(await stored(changed.edited)).data, _deleted: false });
    expect(byId.get(changed.edited).title).toBe('Brace } "quoted" \\ back\nline \u2028 ünï 🩺');
    // Caught up: the next pull from its checkpoint answers nothing.
    expect((await frontdesk.pullAll('tasks', 3, checkpoint)).documents).toEqual([]);
  });

  it('answers JSON with the documents first and the checkpoint next', async () => {
    const reply = await request(running.base, 'GET', '/api/sync/tasks/pull?limit=2', undefined, manager.token);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(reply.body)).toEqual(['documents', 'checkpoint']);
    expect(reply.body.documents).toHaveLength(2);
  });
});
