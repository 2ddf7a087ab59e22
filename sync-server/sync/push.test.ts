// The push engine straight on storage: one audit entry per accepted or refused change, none for
// a retried push that changes nothing, and nothing written by a refused row.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTaskDoc } from '../../tests/support/api';
import type { Actor } from '../auth/actor';
import { seedDemoPractice } from '../seed/demo';
import { openSqliteStorage } from '../storage/sqlite';
import type { Storage } from '../storage/types';
import type { SyncContext } from './context';
import { PracticeCache } from './practice';
import { ClientGone, pushRows } from './push';
import { tasksHandler } from './tasks';

const frontDesk: Actor = {
  userId: 'u-frontdesk',
  username: 'frontdesk',
  displayName: 'Maria Lopez',
  roles: ['front_desk'],
  locationIds: ['loc-main'],
  workstationId: 'ws-1',
  sessionId: 's-1',
};

let storage: Storage;
let sync: SyncContext;

beforeEach(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-push-'));
  storage = await openSqliteStorage({ file: path.join(dir, 'db.sqlite') });
  sync = { storage, practice: new PracticeCache(storage) };
  await seedDemoPractice(sync);
});
afterEach(async () => {
  sync.practice.close();
  await storage.close();
});

const auditCount = async () => (await storage.readAudit({ afterId: 0, limit: 1_000_000 })).length;

describe('push engine', () => {
  it('writes exactly one audit entry per accepted and per refused change, none for a no-op retry', async () => {
    const before = await auditCount();
    const good = newTaskDoc({ title: 'Accepted' });
    const bad = newTaskDoc({ title: 'Refused', status: 'done' });
    const outcome = await pushRows(sync, tasksHandler, frontDesk, [{ newDocumentState: good }, { newDocumentState: bad }]);
    expect(outcome).toMatchObject({ applied: 1, refused: 1 });
    const entries = (await storage.readAudit({ afterId: 0, limit: 1_000_000 })).slice(before);
    expect(entries.map((e) => [e.action, e.docId])).toEqual([
      ['create', good.id],
      ['refuse', bad.id],
      // The refusal notice for its author is itself an audited write.
      ['create', expect.any(String)],
    ]);
    expect(entries[0]).toMatchObject({ actorId: 'u-frontdesk', workstationId: expect.stringContaining('ws-1') });
    expect(await storage.getDoc('tasks', bad.id)).toBeUndefined();

    const afterFirst = await auditCount();
    const retry = await pushRows(sync, tasksHandler, frontDesk, [{ newDocumentState: good }]);
    expect(retry).toMatchObject({ applied: 0, refused: 0, answer: [] });
    expect(await auditCount()).toBe(afterFirst);
  });
});

describe('push engine answers for replicating workstations', () => {
  it('answers an accepted row, and a retry of it, with the server-stamped state', async () => {
    const doc = newTaskDoc({ title: 'Stamped in the answer' });
    const plain = await pushRows(sync, tasksHandler, frontDesk, [{ newDocumentState: newTaskDoc({ title: 'Outside client' }) }]);
    expect(plain.answer).toEqual([]);

    const first = await pushRows(sync, tasksHandler, frontDesk, [{ newDocumentState: doc }], { answerAccepted: true });
    const stored = await storage.getDoc('tasks', doc.id);
    expect(first.answer).toEqual([{ ...(stored!.data as object), _deleted: false }]);
    expect(first.answer[0]).toMatchObject({ pendingSync: false, rev: stored!.seq });

    const retry = await pushRows(sync, tasksHandler, frontDesk, [{ newDocumentState: doc }], { answerAccepted: true });
    expect(retry.answer).toEqual(first.answer);
  });
});

describe('push engine and the policy', () => {
  it('audits a permission refusal once, naming the stored revision and the fields tried, and tells the author nothing of a task they may not read', async () => {
    const billingTask = newTaskDoc({ title: 'Billing secret', queue: 'billing', typeId: 'claim_status_check' });
    const manager: Actor = { ...frontDesk, userId: 'u-manager', username: 'manager', displayName: 'Kim Novak', roles: ['manager'] };
    await pushRows(sync, tasksHandler, manager, [{ newDocumentState: billingTask }]);
    const stored = (await storage.getDoc('tasks', billingTask.id))!;
    const before = await auditCount();

    const outcome = await pushRows(sync, tasksHandler, frontDesk, [
      { newDocumentState: { id: billingTask.id, title: 'Probe', priority: 'urgent' } },
    ]);
    expect(outcome).toMatchObject({ applied: 0, refused: 1, refusals: [{ code: 'forbidden' }] });
    expect(outcome.answer).toEqual([{ id: billingTask.id, title: 'Probe', priority: 'urgent', _deleted: true }]);
    const entries = (await storage.readAudit({ afterId: 0, limit: 1_000_000 })).slice(before);
    expect(entries.map((e) => e.action)).toEqual(['refuse', 'create']);
    expect(entries[0]).toMatchObject({
      actorId: 'u-frontdesk',
      docId: billingTask.id,
      before: { seq: stored.seq },
      after: { fields: ['id', 'title', 'priority'] },
    });
    expect(JSON.stringify(entries[1].after)).not.toContain('Billing secret');
    expect((await storage.getDoc('tasks', billingTask.id))!.seq).toBe(stored.seq);
  });
});

describe('a push whose client hung up before its write began', () => {
  // One writer (a replica) edits the title twice; the first push is cut on the workstation but is
  // still waiting on the server when the second one, sent after it, is written (chaos seeds 63, 70).
  it("writes nothing: the writer's older row would undo its newer write", async () => {
    const writer = 'replica:u-frontdesk:replica-1';
    const filed = await pushRows(sync, tasksHandler, frontDesk, [{ newDocumentState: newTaskDoc({ title: 'Filed' }) }], {
      answerAccepted: true,
      writer,
    });
    const assumed = filed.answer[0] as Record<string, unknown>;
    const older = { ...assumed, title: 'Older edit', updatedAt: new Date(Date.parse(String(assumed.updatedAt)) + 1000).toISOString() };
    const newer = { ...older, title: 'Newer edit', updatedAt: new Date(Date.parse(String(assumed.updatedAt)) + 2000).toISOString() };
    await pushRows(sync, tasksHandler, frontDesk, [{ assumedMasterState: assumed, newDocumentState: newer }], { writer });
    const before = await auditCount();

    const late = pushRows(sync, tasksHandler, frontDesk, [{ assumedMasterState: assumed, newDocumentState: older }], {
      writer,
      clientGone: () => true,
    });
    await expect(late).rejects.toBeInstanceOf(ClientGone);
    expect((await storage.getDoc('tasks', String(assumed.id)))!.data).toMatchObject({ title: 'Newer edit' });
    expect(await auditCount()).toBe(before);

    // Why it matters: taken late from a client still waiting, the older row wins as the writer's own update.
    await pushRows(sync, tasksHandler, frontDesk, [{ assumedMasterState: assumed, newDocumentState: older }], {
      writer,
      clientGone: () => false,
    });
    expect((await storage.getDoc('tasks', String(assumed.id)))!.data).toMatchObject({ title: 'Older edit' });
  });
});
