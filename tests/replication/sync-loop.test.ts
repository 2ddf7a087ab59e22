// Several RxDB workstations in Node against a real sync server process.
import { describe, expect, it } from 'vitest';
import { createTask, updateTask, addNote } from '../../renderer/db/tasks';
import { eventually } from '../support/node-workstation';
import { actorOf, draft, getTask, useReplicationHarness } from '../support/replication-harness';
import { newTaskDoc, signIn } from '../support/api';
import { PUSH_ROWS_MAX } from '../../shared/wire';

const harness = useReplicationHarness();
const workstation = harness.workstation;

const serverUrl = () => harness.server.url;

describe('sync loop', () => {
  it('gives a new workstation the seeded practice', async () => {
    // A manager reads every queue (other roles read theirs: tests/replication/leakage.test.ts).
    const a = await workstation('manager');
    expect(await a.db.tasks.count().exec()).toBe(40);
  });

  it('propagates a create and an edit live, both ways', async () => {
    const a = await workstation('frontdesk');
    const b = await workstation('manager');
    await Promise.all([a.connected(), b.connected()]);
    const task = await createTask(a.db, draft('Live propagation'), actorOf(a));
    await eventually(async () => (await getTask(b, task.id))?.title === 'Live propagation', 10_000, 'create on B');
    await updateTask(b.db, task.id, { status: 'in_progress', ownerId: b.user.id, category: 'records' });
    await eventually(async () => (await getTask(a, task.id))?.status === 'in_progress', 10_000, 'edit on A');
    const onA = await getTask(a, task.id);
    expect(onA?.pendingSync).toBe(false);
    expect(onA?.history.map((h) => h.kind)).toEqual(['created', 'updated']);
    expect(onA?.history[1].workstationId).toBe(b.name);
  });

  it('a live change arrives through the stream alone once the stream has proved it follows the last one', async () => {
    const a = await workstation('frontdesk');
    const b = await workstation('manager');
    await Promise.all([a.connected(), b.connected()]);
    // The first event of the stream proves nothing: B pulls once after it.
    const warmUp = await createTask(a.db, draft('Warm-up'), actorOf(a));
    await eventually(async () => (await getTask(b, warmUp.id)) !== undefined, 10_000, 'warm-up on B');
    await b.sync.awaitInSync();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the coalesced follow-up pull
    const pullsBefore = b.pulls.requests;

    const titles = ['Stream only 1', 'Stream only 2', 'Stream only 3'];
    for (const title of titles) {
      const task = await createTask(a.db, draft(title), actorOf(a));
      await eventually(async () => (await getTask(b, task.id))?.title === title, 10_000, `${title} on B`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.pulls.requests).toBe(pullsBefore);
    // And nothing was skipped: B holds what the server holds for it.
    const server = await signIn(serverUrl(), 'manager', 'ws-check');
    const { documents } = await server.pullAll('tasks', 5000);
    const onB = await b.db.tasks.find().exec();
    expect(onB.map((d) => `${d.id}@${d.rev}`).sort()).toEqual(
      documents
        .filter((d) => !d._deleted)
        .map((d) => `${d.id}@${d.rev}`)
        .sort(),
    );
  });

  it("the writer gets the server's stamp of its own change even when the stream beats the push answer", async () => {
    const a = await workstation('frontdesk');
    const b = await workstation('manager');
    await Promise.all([a.connected(), b.connected()]);
    // Someone else's change first, so A's stream knows where A stands (later events could be proven).
    const other = await createTask(b.db, draft('Filed by the manager'), actorOf(b));
    await eventually(async () => (await getTask(a, other.id)) !== undefined, 10_000, "B's task on A");
    await a.sync.awaitInSync();

    // An edit (the replica holds the server's earlier state) and an insert, each answered late.
    a.delayPushAnswers(500);
    await updateTask(a.db, other.id, { title: 'Renamed while the answer is slow' });
    const mine = await createTask(a.db, draft('Filed while the answer is slow'), actorOf(a));
    for (const id of [other.id, mine.id]) {
      await eventually(async () => (await getTask(a, id))?.pendingSync === false, 10_000, `the server's stamp of ${id} on A`);
    }
    const edited = await getTask(a, other.id);
    expect(edited?.title).toBe('Renamed while the answer is slow');
    expect(edited?.history.map((h) => h.kind)).toEqual(['created', 'updated']);
    expect((await getTask(a, mine.id))?.history.map((h) => h.kind)).toEqual(['created']);
  });

  it("a writer's pull after each push does not send RxDB looking through the replica for unpushed writes", async () => {
    const a = await workstation('frontdesk');
    const b = await workstation('manager');
    await Promise.all([a.connected(), b.connected()]);
    await a.sync.awaitInSync();
    // The upstream scans the replica once at its start (and after a reconnect), never per write:
    // its change stream misses no local write.
    const upstream = a.sync.replications.tasks.internalReplicationState!.stats.up;
    const scans = upstream.upstreamInitialSync;
    const pullsBefore = a.pulls.requests;
    for (const title of ['Scan-free 1', 'Scan-free 2', 'Scan-free 3']) {
      const task = await createTask(a.db, draft(title), actorOf(a));
      await eventually(async () => (await getTask(a, task.id))?.pendingSync === false, 10_000, `the stamp of ${title} on A`);
      await eventually(async () => (await getTask(b, task.id))?.title === title, 10_000, `${title} on B`);
    }
    await eventually(async () => a.pulls.requests > pullsBefore, 5_000, "A's pull after its pushes");
    expect(upstream.upstreamInitialSync).toBe(scans);
  });

  it("a writer whose stream missed another desk's change gets it with the pull after its push", async () => {
    const a = await workstation('frontdesk');
    const b = await workstation('manager');
    await Promise.all([a.connected(), b.connected()]);
    const other = await createTask(b.db, draft('Filed before the stall'), actorOf(b));
    await eventually(async () => (await getTask(a, other.id)) !== undefined, 10_000, "B's task on A");
    await a.sync.awaitInSync();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the coalesced follow-up pull

    // A's stream stalls: neither the event of B's next change nor that of A's own write arrives.
    const stalled = a.holdNextChangeEvent('tasks');
    await updateTask(b.db, other.id, { title: 'Renamed while A heard nothing' });
    await stalled.reached;
    const own = a.holdNextChangeEvent('tasks');
    await createTask(a.db, draft('Filed by A during the stall'), actorOf(a));
    await own.reached;
    await eventually(
      async () => (await getTask(a, other.id))?.title === 'Renamed while A heard nothing',
      10_000,
      "B's change on A without the stream's events",
    );
    stalled.deliver();
    own.deliver();
  });

  it('replays offline edits on reconnect, including across an app restart', async () => {
    const a = await workstation('frontdesk', 'dexie');
    const b = await workstation('manager');
    await a.connected();
    a.goOffline();
    const created = await createTask(a.db, draft('Made offline'), actorOf(a));
    const existing = (await a.db.tasks.findOne({ selector: { status: 'ready' } }).exec())!;
    await updateTask(a.db, existing.id, { priority: 'urgent' });
    await addNote(a.db, existing.id, 'Called patient, left voicemail', actorOf(a));
    expect(await a.db.tasks.count({ selector: { pendingSync: true } }).exec()).toBe(2);

    await a.restart();
    expect(await a.db.tasks.count({ selector: { pendingSync: true } }).exec()).toBe(2);
    expect((await getTask(a, created.id))?.title).toBe('Made offline');

    a.goOnline();
    await eventually(async () => (await a.db.tasks.count({ selector: { pendingSync: true } }).exec()) === 0, 15_000, 'upload');
    await eventually(async () => (await getTask(b, created.id)) !== undefined, 10_000, 'B gets the new task');
    await eventually(async () => (await getTask(b, existing.id))?.notes.length === 1, 10_000, 'B gets the note');
    expect((await getTask(b, existing.id))?.priority).toBe('urgent');
  });

  it('merges concurrent edits: different fields both survive, same field keeps one value and history shows the other', async () => {
    const a = await workstation('frontdesk');
    const b = await workstation('manager');
    await Promise.all([a.connected(), b.connected()]);
    const task = await createTask(a.db, draft('Edited while apart'), actorOf(a));
    await eventually(async () => (await getTask(b, task.id)) !== undefined, 10_000, 'B has task');

    a.goOffline();
    b.goOffline();
    await updateTask(a.db, task.id, { priority: 'high', title: 'Title from A' });
    await updateTask(b.db, task.id, { dueAt: '2030-01-02T15:00:00.000Z', title: 'Title from B' });
    a.goOnline();
    await eventually(async () => (await getTask(a, task.id))?.pendingSync === false, 10_000, 'A uploaded');
    b.goOnline();
    await eventually(
      async () => {
        const [ta, tb] = [await getTask(a, task.id), await getTask(b, task.id)];
        return !!ta && !!tb && ta.rev === tb.rev && !tb.pendingSync && ta.dueAt === '2030-01-02T15:00:00.000Z';
      },
      15_000,
      'convergence',
    );
    const final = (await getTask(b, task.id))!;
    expect(final.priority).toBe('high');
    expect(final.dueAt).toBe('2030-01-02T15:00:00.000Z');
    expect(final.title).toBe('Title from A');
    const merged = final.history.find((h) => h.kind === 'merged');
    expect(merged?.superseded).toEqual([expect.objectContaining({ field: 'title', value: 'Title from B' })]);
    expect(await getTask(a, task.id)).toEqual(final);
  });

  it('skips nothing at page boundaries when many writes share a timestamp', async () => {
    const api = await signIn(serverUrl(), 'manager');
    // One instant for all (recent: a new task may not be older than the location's offline window).
    const sameMoment = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000).toISOString();
    const docs = Array.from({ length: 600 }, (_, i) =>
      newTaskDoc({ title: `Same moment ${i}`, createdAt: sameMoment, updatedAt: sameMoment }),
    );
    for (let i = 0; i < docs.length; i += PUSH_ROWS_MAX) {
      expect(
        (
          await api.post(
            '/api/sync/tasks/push',
            docs.slice(i, i + PUSH_ROWS_MAX).map((d) => ({ newDocumentState: d })),
          )
        ).body,
      ).toEqual([]);
    }
    const fresh = await workstation('frontdesk', 'memory', { pullBatchSize: 37 });
    const ids = new Set((await fresh.db.tasks.find().exec()).map((d) => d.id));
    expect(docs.every((d) => ids.has(d.id))).toBe(true);
    expect(fresh.pulls.requests).toBeGreaterThan(600 / 37);
  });
});
