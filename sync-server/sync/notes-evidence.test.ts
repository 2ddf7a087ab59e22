// The note-forgery test, from a client that skips the UI: saved notes cannot be changed, removed
// or re-attributed by anyone through a push (refused with the reason, nothing stored), a new note
// is stamped with its real author, and every note added shows in the task's history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../shared/task';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';

describe.each(['sqlite', 'postgres'] as const)('notes as evidence on %s', (kind) => {
  let running: InProcessServer;
  let frontDesk: Api;
  let manager: Api;
  let task: Task;

  const current = async () => (await running.server.storage.getDoc('tasks', task.id))!.data as Task;
  const push = (who: Api, assumed: Task, next: Partial<Task>) =>
    who.post('/api/sync/tasks/push', [{ assumedMasterState: assumed, newDocumentState: { ...assumed, ...next, pendingSync: true } }]);
  const note = (id: string, text: string, authorId = 'u-frontdesk', authorName = 'Maria Lopez') => ({
    id,
    at: new Date().toISOString(),
    authorId,
    authorName,
    text,
  });

  beforeAll(async () => {
    running = await startInProcess(kind);
    frontDesk = await signIn(running.base, 'frontdesk');
    manager = await signIn(running.base, 'manager');
    const filed = newTaskDoc({ title: 'Evidence', status: 'new', queue: 'front_desk', ownerId: '' });
    expect((await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: filed }])).body).toEqual([]);
    task = (await running.server.storage.getDoc('tasks', filed.id))!.data as Task;
    expect((await push(frontDesk, task, { notes: [note('n1', 'Patient called at 9:10, asked for a callback')] })).body).toEqual([]);
    task = await current();
  });
  afterAll(async () => running?.close());

  it('a new note is stamped with its real author and the history shows what was added', async () => {
    expect(task.notes).toEqual([expect.objectContaining({ id: 'n1', authorId: 'u-frontdesk', authorName: 'Maria Lopez' })]);
    expect(task.history.at(-1)!.changes).toEqual([{ field: 'notes', from: [], to: [task.notes[0]] }]);
    // A new note claiming someone else's name is filed under whoever pushed it.
    expect(
      (await push(manager, task, { notes: [...task.notes, note('n2', 'Forged as the clinician', 'u-clinician', 'Dr. Alex Chen')] })).body,
    ).toEqual([]);
    const after = await current();
    expect(after.notes[1]).toMatchObject({ id: 'n2', authorId: 'u-manager', authorName: 'Kim Novak', text: 'Forged as the clinician' });
    expect(after.history.at(-1)).toMatchObject({ actorId: 'u-manager', changes: [{ field: 'notes', from: [], to: [after.notes[1]] }] });
    task = after;
  });

  it.each([
    ['rewrite the text of', (n: Task['notes']) => [{ ...n[0], text: 'Patient declined the callback' }, ...n.slice(1)]],
    ['re-attribute (author id) of', (n: Task['notes']) => [{ ...n[0], authorId: 'u-manager' }, ...n.slice(1)]],
    ['re-attribute (author name) of', (n: Task['notes']) => [{ ...n[0], authorName: 'Kim Novak' }, ...n.slice(1)]],
    ['back-date', (n: Task['notes']) => [{ ...n[0], at: '2020-01-01T00:00:00.000Z' }, ...n.slice(1)]],
    ['remove', (n: Task['notes']) => n.slice(1)],
    ['replace (same id, new note)', (n: Task['notes']) => [note(n[0].id, 'Replacement', 'u-manager', 'Kim Novak'), ...n.slice(1)]],
  ])('nobody may %s a saved note: refused with the reason, nothing stored', async (_what, forge) => {
    const before = await current();
    for (const who of [manager, frontDesk]) {
      const answer = await push(who, before, { notes: forge(before.notes), title: 'Changed with the forgery' });
      expect(answer.status).toBe(403);
      expect(answer.body.message).toMatch(/saved note cannot be (changed|removed)|add a new note/);
      expect(answer.body.documents).toEqual([{ ...before, _deleted: false }]);
    }
    expect(await current()).toEqual(before);
  });

  it('a forgery pushed from an older state is refused too, not merged away in silence', async () => {
    const older = await current();
    expect((await push(frontDesk, older, { priority: 'high' })).body).toEqual([]);
    const latest = await current();
    const answer = await push(manager, older, { notes: [{ ...older.notes[0], text: 'Rewritten from a stale copy' }], title: 'Stale edit' });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/add a new note/);
    expect(await current()).toEqual(latest);
  });
});
