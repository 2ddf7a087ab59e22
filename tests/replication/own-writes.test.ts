// A replica's own writes never conflict with each other: two edits of one field on one
// workstation, the second made before the first push is answered, across going offline or a new
// sign-in, end with the last value typed everywhere, and the history shows both as the person's.
// RxDB workstations in Node (the renderer's replica and replication client) against a real server.
import { describe, expect, it } from 'vitest';
import { createTask, updateTask } from '../../renderer/db/tasks';
import type { Task } from '../../shared/task';
import { signIn } from '../support/api';
import { eventually, type Workstation } from '../support/node-workstation';
import { getTask, useReplicationHarness } from '../support/replication-harness';

const harness = useReplicationHarness();

/** A workstation with its event stream open. */
async function workstation(username: string, storage: 'memory' | 'dexie' = 'memory') {
  const ws = await harness.workstation(username, storage);
  await ws.connected();
  return ws;
}

/** Files a task on `ws` and waits until the server has stamped it there. */
async function filed(ws: Workstation, title: string): Promise<Task> {
  const task = await createTask(
    ws.db,
    {
      title,
      typeId: 'records_request',
      queue: 'front_desk',
      locationId: 'loc-main',
      priority: 'normal',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      channel: 'phone',
      patientRef: 'MRN 555002 R.W.',
      description: 'Records for the specialist',
    },
    { id: ws.user.id, displayName: ws.user.displayName },
  );
  await eventually(async () => (await getTask(ws, task.id))?.pendingSync === false, 15_000, 'the new task stamped');
  return (await getTask(ws, task.id))!;
}

/** The server's copy of a task, read as an outside client (the manager reads every queue). */
async function onServer(id: string): Promise<Task> {
  const manager = await signIn(harness.server.url, 'manager', 'ws-own-writes-check');
  return (await manager.pullAll('tasks', 5000)).documents.find((d) => d.id === id);
}

/** Both edits are in the history as the person's plain updates, nothing superseded. */
function expectTwoOwnUpdates(task: Task, userId: string, values: string[]) {
  const edits = task.history.slice(1);
  expect(
    edits.map((h) => ({
      kind: h.kind,
      actorId: h.actorId,
      to: h.changes.find((c) => c.field === 'priority')?.to,
      superseded: h.superseded,
    })),
  ).toEqual(values.map((to) => ({ kind: 'updated', actorId: userId, to, superseded: undefined })));
}

/** Everyone ends with the last value: the writer, another workstation, the server. */
async function converged(writer: Workstation, reader: Workstation, id: string, priority: string): Promise<Task> {
  await eventually(
    async () => {
      const [mine, theirs] = [await getTask(writer, id), await getTask(reader, id)];
      return mine?.pendingSync === false && mine.priority === priority && theirs?.rev === mine.rev && theirs.priority === priority;
    },
    20_000,
    `${priority} on both workstations`,
  );
  const final = (await getTask(writer, id))!;
  expect(await getTask(reader, id)).toEqual(final);
  expect(await onServer(id)).toMatchObject({ priority, rev: final.rev });
  return final;
}

describe("a replica's own consecutive writes", () => {
  it('two quick edits of one field, the second before the first push is answered: the second wins', async () => {
    const a = await workstation('frontdesk');
    const b = await workstation('manager');
    const task = await filed(a, 'Two quick edits');

    const first = a.holdNextPushAnswer();
    await updateTask(a.db, task.id, { priority: 'high' });
    await first.reached;
    // The server applied "high"; its answer is still on the way when the person changes it again.
    await updateTask(a.db, task.id, { priority: 'urgent' });
    first.deliver();

    const final = await converged(a, b, task.id, 'urgent');
    expectTwoOwnUpdates(final, a.user.id, ['high', 'urgent']);
  });

  it('going offline between the two edits (the first answer lost): the second wins', async () => {
    const a = await workstation('frontdesk');
    const b = await workstation('manager');
    const task = await filed(a, 'Edited across an outage');

    const first = a.holdNextPushAnswer();
    await updateTask(a.db, task.id, { priority: 'high' });
    await first.reached;
    a.goOffline();
    first.drop();
    await updateTask(a.db, task.id, { priority: 'low' });
    a.goOnline();

    const final = await converged(a, b, task.id, 'low');
    expectTwoOwnUpdates(final, a.user.id, ['high', 'low']);
  });

  it('a new task whose upload answer is lost, edited before the retry: the edit wins, nothing superseded', async () => {
    const a = await workstation('frontdesk');
    const first = a.holdNextPushAnswer();
    const task = await createTask(
      a.db,
      {
        title: 'Filed, answer lost',
        typeId: 'records_request',
        queue: 'front_desk',
        locationId: 'loc-main',
        priority: 'normal',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        channel: 'phone',
        patientRef: 'MRN 555003 T.K.',
        description: 'Records',
      },
      { id: a.user.id, displayName: a.user.displayName },
    );
    await first.reached;
    a.goOffline();
    first.drop();
    await updateTask(a.db, task.id, { title: 'Filed, then corrected' });
    a.goOnline();
    await eventually(async () => (await getTask(a, task.id))?.pendingSync === false, 20_000, 'the edit stamped');
    const server = await onServer(task.id);
    expect(server.title).toBe('Filed, then corrected');
    expect(server.history.slice(1).map((h) => ({ kind: h.kind, superseded: h.superseded }))).toEqual([
      { kind: 'updated', superseded: undefined },
    ]);
  });

  it('a restart while a push is still on its way: the restart waits for it, so the edit after it wins', async () => {
    const a = await workstation('frontdesk', 'dexie');
    const b = await workstation('manager');
    const task = await filed(a, 'Edited across a restart');

    const slow = a.holdNextPushRequest();
    await updateTask(a.db, task.id, { priority: 'high' });
    await slow.reached;
    // Had the restart not waited, the next replication's push of a later edit could reach the
    // server first, and this one, applied after it, would put the older value back.
    const restarting = a.restart();
    const first = await Promise.race([
      restarting.then(() => 'restarted'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1000)),
    ]);
    expect(first).toBe('still waiting');
    slow.deliver();
    await restarting;
    await updateTask(a.db, task.id, { priority: 'urgent' });

    const final = await converged(a, b, task.id, 'urgent');
    expectTwoOwnUpdates(final, a.user.id, ['high', 'urgent']);
  });

  it('a new sign-in between the two edits (a new session, the same replica): the second wins', async () => {
    const a = await workstation('frontdesk', 'dexie');
    const b = await workstation('manager');
    const task = await filed(a, 'Edited across a new sign-in');
    const firstToken = a.token;

    const first = a.holdNextPushAnswer();
    await updateTask(a.db, task.id, { priority: 'high' });
    await first.reached;
    first.drop();
    await a.signInAgain();
    expect(a.token).not.toBe(firstToken);
    await updateTask(a.db, task.id, { priority: 'urgent' });

    const final = await converged(a, b, task.id, 'urgent');
    expectTwoOwnUpdates(final, a.user.id, ['high', 'urgent']);
  });
});

/** Waits until the server has stamped `priority` into the replica's copy, and returns that copy. */
async function stampedWith(ws: Workstation, id: string, priority: string): Promise<Task> {
  await eventually(
    async () => {
      const mine = await getTask(ws, id);
      return mine?.pendingSync === false && mine.priority === priority;
    },
    15_000,
    `${priority} stamped`,
  );
  return (await getTask(ws, id))!;
}

/** Every server revision the replica shows of a task, in the order it shows them. */
function watchRevs(ws: Workstation, id: string): { revs: number[]; stop(): void } {
  const revs: number[] = [];
  const sub = ws.db.tasks.$.subscribe((event) => {
    if (event.documentId === id) revs.push((event.documentData as unknown as Task).rev);
  });
  return { revs, stop: () => sub.unsubscribe() };
}

/**
 * Lets an older server state in (`release`), then checks the replica never showed it and that the
 * next edit of another field does not carry the older value back to the server as the person's
 * write. Returns the server's copy after that edit.
 */
async function releaseLate(ws: Workstation, latest: Task, release: () => Promise<void>): Promise<Task> {
  const watch = watchRevs(ws, latest.id);
  await release();
  await ws.sync.awaitInSync();
  watch.stop();
  expect(watch.revs.filter((rev) => rev < latest.rev)).toEqual([]);
  expect(await getTask(ws, latest.id)).toMatchObject({ priority: latest.priority, rev: latest.rev });

  await updateTask(ws.db, latest.id, { title: 'Edited once more' });
  await eventually(
    async () => {
      const mine = await getTask(ws, latest.id);
      return mine?.pendingSync === false && mine.rev > latest.rev && mine.title === 'Edited once more';
    },
    15_000,
    'the third edit stamped',
  );
  return onServer(latest.id);
}

describe('a server state older than the replica’s own', () => {
  it('a change event that arrives after the push answer of a later write does not bring the older value back', async () => {
    const a = await workstation('frontdesk');
    const task = await filed(a, 'Late change event');

    const late = a.holdNextChangeEvent('tasks');
    await updateTask(a.db, task.id, { priority: 'high' });
    await late.reached;
    await eventually(async () => (await getTask(a, task.id))?.pendingSync === false, 15_000, 'high stamped');
    const high = (await getTask(a, task.id))!;
    await updateTask(a.db, task.id, { priority: 'urgent' });
    await stampedWith(a, task.id, 'urgent');
    await a.sync.awaitInSync();
    const urgent = (await getTask(a, task.id))!;
    expect(urgent.rev).toBeGreaterThan(high.rev);

    // The held event (the first after arming: of the filing or of "high", both older than "urgent")
    // arrives now; the coalesced pull after it shows it was handled.
    const pullsBefore = a.pulls.requests;
    const server = await releaseLate(a, urgent, async () => {
      late.deliver();
      await eventually(() => a.pulls.requests > pullsBefore, 15_000, 'the pull after the late event');
    });
    expect(server.priority).toBe('urgent');
    expect(
      server.history
        .filter((h) => h.changes.some((c) => c.field === 'priority'))
        .map((h) => h.changes.find((c) => c.field === 'priority')?.to),
    ).toEqual(['high', 'urgent']);
  });

  it('a pull answered before the push of a later write and landing after its answer does not bring the older value back', async () => {
    const a = await workstation('frontdesk');
    const task = await filed(a, 'Late pull answer');

    // The push answer of "high" is followed by a pull; hold that pull's answer (it carries "high").
    const pull = a.holdNextPullAnswer('tasks');
    await updateTask(a.db, task.id, { priority: 'high' });
    await pull.reached;
    await updateTask(a.db, task.id, { priority: 'urgent' });
    const urgent = await stampedWith(a, task.id, 'urgent');

    const server = await releaseLate(a, urgent, async () => pull.deliver());
    expect(server.priority).toBe('urgent');
  });
});

describe('a server state that arrives while a push is answered', () => {
  it("another workstation's change taken in before a merged push's answer is not skipped for good (chaos seed 241)", async () => {
    const a = await workstation('frontdesk', 'dexie');
    const b = await workstation('manager');
    const task = await filed(a, 'Answer on its way');
    await eventually(async () => (await getTask(b, task.id))?.rev === task.rev, 15_000, 'the task on the second workstation');

    // a hears nothing for a while: its pull is slow on the way to the server, its stream stalls.
    const pull = a.holdNextPullRequest('tasks');
    a.sync.replications.tasks.reSync();
    await pull.reached;
    const firstEvent = a.holdNextChangeEvent('tasks');
    await updateTask(b.db, task.id, { title: 'Answer on its way (seen by b)' });
    await firstEvent.reached;

    // a edits another field; the server merges that with b's change, but the answer is slow.
    const ownEvent = a.holdNextChangeEvent('tasks');
    const answer = a.holdNextPushAnswer('"high"');
    await updateTask(a.db, task.id, { priority: 'high' });
    await answer.reached;
    await ownEvent.reached;

    // b changes the task again; a's pull reaches the server after that, and RxDB takes the newer
    // state in before a's answer: it skips it (a's copy holds a write not yet answered).
    const secondEvent = a.holdNextChangeEvent('tasks');
    await updateTask(b.db, task.id, { title: 'Answer on its way (checked)' });
    await secondEvent.reached;
    const downstream = a.sync.replications.tasks.internalReplicationState!.stats.down;
    const taken = downstream.persistFromMaster;
    pull.deliver();
    await eventually(async () => downstream.persistFromMaster > taken, 10_000, "a's replication taking the change in");
    // RxDB's downstream checks and stores in the background (and moves its checkpoint on).
    await new Promise((resolve) => setTimeout(resolve, 500));
    answer.deliver();

    await eventually(
      async () => {
        const [mine, theirs] = [await getTask(a, task.id), await getTask(b, task.id)];
        return mine?.title === 'Answer on its way (checked)' && mine.priority === 'high' && theirs?.rev === mine.rev;
      },
      15_000,
      'both changes on both workstations',
    );
    expect(await onServer(task.id)).toMatchObject({
      title: 'Answer on its way (checked)',
      priority: 'high',
      rev: (await getTask(a, task.id))!.rev,
    });
    for (const event of [firstEvent, ownEvent, secondEvent]) event.deliver();
  });
});
