// Notifications from a client that skips the UI, on both databases: created with the accepted
// change that causes them (never for a refused one), one per kind, no PHI, each person pulls only
// their own, and the only write a client may make is marking one read (or its own preferences).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TASK_TYPES } from '../../shared/config/demo';
import { NOTIFICATION_KINDS } from '../../shared/notifications/schema';
import type { Task } from '../../shared/task';
import { applyAction, findAction } from '../../shared/workflow/apply';
import type { ActionId } from '../../shared/workflow/actions';
import { newTaskDoc, signIn, type Api } from '../../tests/support/api';
import { startInProcess, type InProcessServer } from '../../tests/support/in-process-server';
import { fullInput, placeTasks } from '../../tests/support/task-fixtures';

const NOTIFICATION_FIELDS = ['_deleted', 'counts', 'createdAt', 'id', 'kind', 'pendingSync', 'readAt', 'rev', 'taskId', 'userId'];

describe.each(['sqlite', 'postgres'] as const)('notifications on %s', (kind) => {
  let running: InProcessServer;
  let manager: Api;
  let frontDesk: Api;
  let billing: Api;
  let clinician: Api;

  beforeAll(async () => {
    running = await startInProcess(kind);
    [manager, frontDesk, billing, clinician] = await Promise.all(
      ['manager', 'frontdesk', 'billing', 'clinician'].map((u) => signIn(running.base, u)),
    );
  });
  afterAll(async () => running?.close());

  const mine = async (who: Api) => (await who.pullAll('notifications', 1000)).documents;
  const about = async (who: Api, taskId: string) => (await mine(who)).filter((n) => n.taskId === taskId);
  const stored = async (id: string) => (await running.server.storage.getDoc('notifications', id))?.data;
  const pushNotification = (who: Api, before: unknown, after: unknown) =>
    who.post('/api/sync/notifications/push', [{ assumedMasterState: before, newDocumentState: after }]);
  const current = async (who: Api, id: string): Promise<Task> => (await who.pullAll('tasks', 5000)).documents.find((d) => d.id === id);
  const act = async (who: Api, task: Task, actionId: ActionId, input: Partial<Parameters<typeof applyAction>[2]> = {}) => {
    const type = DEMO_TASK_TYPES[task.typeId];
    const action = findAction(actionId, task, type)!;
    const next = applyAction(task, action, { ...fullInput(task, actionId, who.userId), ...input }, type);
    const answer = await who.post('/api/sync/tasks/push', [{ assumedMasterState: task, newDocumentState: { ...next, pendingSync: true } }]);
    expect(answer).toEqual({ status: 200, body: [] });
    return current(who, task.id);
  };

  it('assigning a task to someone notifies them, with no PHI, and no one else', async () => {
    const doc = newTaskDoc({
      ownerId: 'u-frontdesk',
      title: 'Jane Roe wants her MRI moved',
      patientRef: 'MRN 100234 J.R.',
      description: 'Call 555-0100',
    });
    expect((await manager.post('/api/sync/tasks/push', [{ newDocumentState: doc }])).body).toEqual([]);
    const [note] = await about(frontDesk, doc.id);
    expect(note).toMatchObject({
      userId: 'u-frontdesk',
      kind: 'assigned',
      taskId: doc.id,
      readAt: '',
      counts: { overdue: 0, atRisk: 0, waiting: 0 },
    });
    expect(Object.keys(note).sort()).toEqual(NOTIFICATION_FIELDS);
    const text = JSON.stringify(await running.server.storage.getDoc('notifications', note.id));
    for (const phi of ['Jane', 'MRN', '100234', '555-0100', 'MRI']) expect(text).not.toContain(phi);
    expect(await about(manager, doc.id)).toEqual([]);
    expect(await about(billing, doc.id)).toEqual([]);
    // The change and its notification are audited.
    const audit = await running.server.storage.readAudit({ afterId: 0, limit: 100_000 });
    expect(audit.some((a) => a.collection === 'notifications' && a.docId === note.id && a.actorId === manager.userId)).toBe(true);
  });

  it('taking a task yourself notifies no one; a refused assignment notifies no one', async () => {
    const own = newTaskDoc({ ownerId: 'u-frontdesk' });
    expect((await frontDesk.post('/api/sync/tasks/push', [{ newDocumentState: own }])).body).toEqual([]);
    expect(await about(frontDesk, own.id)).toEqual([]);
    // An assignment the server refuses (an invalid due date) is stored nowhere and notifies no one.
    const refused = newTaskDoc({ ownerId: 'u-billing', dueAt: 'not a date' });
    const answer = await manager.post('/api/sync/tasks/push', [{ newDocumentState: refused }]);
    expect(answer.status).toBe(200);
    expect(await running.server.storage.getDoc('tasks', refused.id)).toBeUndefined();
    expect(await about(billing, refused.id)).toEqual([]);
  });

  it('decisions, send-backs, reopening and waiting on the provider notify the right person once', async () => {
    const [approved, rejected, sentBack] = await placeTasks(manager, [
      { status: 'approved', typeId: 'medication_refill', queue: 'clinical_support', ownerId: 'u-frontdesk' },
      { status: 'rejected', typeId: 'medication_refill', queue: 'clinical_support', ownerId: 'u-frontdesk' },
      { status: 'needs_info', typeId: 'medication_refill', queue: 'clinical_support', ownerId: 'u-frontdesk' },
    ]);
    const kinds = async (id: string) => (await about(frontDesk, id)).map((n) => n.kind).sort();
    expect(await kinds(approved.id)).toEqual(['assigned', 'decided']);
    expect(await kinds(rejected.id)).toEqual(['assigned', 'decided']);
    expect(await kinds(sentBack.id)).toEqual(['assigned', 'needs_info']);

    await act(manager, rejected, 'reopen');
    expect(await kinds(rejected.id)).toEqual(['assigned', 'decided', 'returned']);

    const [started] = await placeTasks(manager, [
      { status: 'in_progress', typeId: 'medication_refill', queue: 'clinical_support', ownerId: 'u-frontdesk' },
    ]);
    await act(manager, started, 'wait', { waitingOn: 'provider' });
    expect((await about(clinician, started.id)).map((n) => n.kind)).toEqual(['needs_info']);
    expect(await kinds(started.id)).toEqual(['assigned']);
  });

  it('the only client write is marking one of your own read', async () => {
    const doc = newTaskDoc({ ownerId: 'u-frontdesk' });
    await manager.post('/api/sync/tasks/push', [{ newDocumentState: doc }]);
    const [note] = await about(frontDesk, doc.id);
    const before = await stored(note.id);

    // Someone else's: refused, unchanged, and never in their pull.
    const theirs = await pushNotification(billing, note, { ...note, readAt: new Date().toISOString() });
    expect(theirs.status).toBe(403);
    expect(await stored(note.id)).toEqual(before);
    expect((await mine(billing)).some((n) => n.id === note.id)).toBe(false);
    // A new notification, a delete or a bad date: refused, nothing stored.
    const forged = { ...note, id: 'forged-1', userId: 'u-billing' };
    expect((await pushNotification(billing, undefined, forged)).status).toBe(403);
    expect(await stored('forged-1')).toBeUndefined();
    expect((await pushNotification(frontDesk, note, { ...note, _deleted: true })).status).toBe(403);
    const bad = await pushNotification(frontDesk, note, { ...note, readAt: 'yesterday' });
    expect(bad.body).toEqual([expect.objectContaining({ id: note.id, readAt: '' })]);
    expect(await stored(note.id)).toEqual(before);

    // Marking read changes readAt only, whatever else the row carries.
    const readAt = new Date().toISOString();
    expect(
      (await pushNotification(frontDesk, note, { ...note, readAt, kind: 'digest', taskId: 'other', userId: 'u-billing' })).status,
    ).toBe(200);
    expect(await stored(note.id)).toMatchObject({ ...before, readAt, rev: expect.any(Number) });
    // Read stays read.
    const after = (await about(frontDesk, doc.id))[0];
    await pushNotification(frontDesk, after, { ...after, readAt: '' });
    expect((await stored(note.id))!.readAt).toBe(readAt);
  });

  it('each person writes only their own preferences, validated', async () => {
    const at = new Date().toISOString();
    const prefs = {
      id: 'u-frontdesk',
      userId: 'u-frontdesk',
      osKinds: ['assigned', 'escalated'],
      quietStart: '22:00',
      quietEnd: '07:00',
      updatedAt: at,
      pendingSync: true,
      rev: 0,
      _deleted: false,
    };
    const push = (who: Api, doc: unknown) => who.post('/api/sync/preferences/push', [{ newDocumentState: doc }]);
    expect((await push(frontDesk, prefs)).status).toBe(200);
    const rev = (await running.server.storage.getDoc('preferences', 'u-frontdesk'))!.seq;
    expect((await push(frontDesk, prefs)).status).toBe(200);
    expect((await running.server.storage.getDoc('preferences', 'u-frontdesk'))!.seq).toBe(rev);
    expect((await frontDesk.pullAll('preferences')).documents).toEqual([
      expect.objectContaining({ osKinds: ['assigned', 'escalated'], quietStart: '22:00' }),
    ]);
    expect((await push(billing, { ...prefs, osKinds: [] })).status).toBe(403);
    expect((await billing.pullAll('preferences')).documents).toEqual([]);
    const invalid = await push(frontDesk, { ...prefs, quietStart: '25:00' });
    expect(invalid.body[0]).toMatchObject({ quietStart: '22:00' });
    expect((await push(frontDesk, { ...prefs, osKinds: ['everything'] })).body[0]).toMatchObject({ osKinds: ['assigned', 'escalated'] });
    expect(((await running.server.storage.getDoc('preferences', 'u-frontdesk'))!.data as { osKinds: string[] }).osKinds).toEqual([
      'assigned',
      'escalated',
    ]);
  });

  it('kinds are the documented ones', () => {
    expect([...NOTIFICATION_KINDS]).toEqual(['assigned', 'returned', 'decided', 'needs_info', 'reminder', 'escalated', 'digest']);
  });
});
