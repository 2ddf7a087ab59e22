// The push decision for a row built on an older server state than the assumed state sent with it
// (its own `rev` is lower): the writes in between are not in it, so its old values must not come
// back, even when those writes were the writer's own.
import { describe, expect, it } from 'vitest';
import { decideTaskPush, taskAt, taskHistoryEntry, type PushedTask } from './push-decision';
import { EMPTY_SERVER_FIELDS, EMPTY_WORKFLOW_FIELDS, type Task } from './task';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const created: Task = {
  id: 't1',
  title: 'Referral to cardiology',
  status: 'ready',
  typeId: 'outbound_referral',
  queue: 'referrals',
  locationId: 'loc-main',
  priority: 'normal',
  ownerId: '',
  dueAt: at(600),
  channel: 'phone',
  patientRef: 'MRN 1 A.B.',
  description: '',
  ...EMPTY_WORKFLOW_FIELDS,
  notes: [],
  createdAt: at(0),
  createdBy: 'u1',
  updatedAt: at(0),
  pendingSync: false,
  ...EMPTY_SERVER_FIELDS,
};

/** The server's task after each write in turn (rev 1 the creation), and who wrote each revision. */
function serverHistory(writes: { writer: string; patch: Partial<Task> }[]): { states: PushedTask[]; writers: Map<number, string> } {
  let task: Task = {
    ...created,
    rev: 1,
    history: [taskHistoryEntry(undefined, created, false, { seq: 1, at: at(0), actorId: 'u1', actorName: 'A', workstationId: 'ws' })],
  };
  const states: PushedTask[] = [{ ...task, _deleted: false }];
  const writers = new Map<number, string>([[1, 'seed']]);
  writes.forEach(({ writer, patch }, i) => {
    const seq = i + 2;
    const next = { ...task, ...patch, updatedAt: at(seq) };
    task = {
      ...next,
      rev: seq,
      history: [
        ...task.history,
        taskHistoryEntry(task, next, false, { seq, at: at(seq), actorId: writer, actorName: writer, workstationId: writer }),
      ],
    };
    states.push({ ...task, _deleted: false });
    writers.set(seq, writer);
  });
  return { states, writers };
}

const decide = (pushed: PushedTask, assumed: PushedTask, current: PushedTask, writers: Map<number, string>, rowRev = pushed.rev) =>
  decideTaskPush({
    pushed: { ...pushed, rev: current.rev },
    assumed,
    current: { data: current, deleted: false },
    writer: 'w',
    writers: new Map([...writers].filter(([rev]) => rev > Math.min(assumed.rev, rowRev))),
    rowRev,
    rules: () => undefined,
  });

describe('taskAt', () => {
  it('rolls the task back through its history: fields to their earlier values, later notes taken out', () => {
    const note = { id: 'n1', at: at(3), authorId: 'u1', authorName: 'A', text: 'Called the office' };
    const { states } = serverHistory([
      { writer: 'w', patch: { priority: 'high' } },
      { writer: 'x', patch: { title: 'Referral to cardiology, urgent', notes: [note] } },
      { writer: 'w', patch: { priority: 'urgent', checklist: [{ id: 'c1', label: 'Fax', done: true }] } },
    ]);
    const latest = states[3];
    expect(taskAt(latest, 2)).toMatchObject({ rev: 2, priority: 'high', title: 'Referral to cardiology', notes: [], checklist: [] });
    expect(taskAt(latest, 3)).toMatchObject({
      rev: 3,
      priority: 'high',
      title: 'Referral to cardiology, urgent',
      notes: [note],
      checklist: [],
    });
    expect(taskAt(latest, 4)).toMatchObject({ priority: 'urgent', checklist: [{ id: 'c1', label: 'Fax', done: true }] });
  });
});

describe('a row built on an older state than its assumed state', () => {
  // The writer set priority high (rev 2), then urgent (rev 3); a row of theirs built on rev 2, with
  // a new title, arrives naming rev 3 as its assumed state.
  const { states, writers } = serverHistory([
    { writer: 'w', patch: { priority: 'high' } },
    { writer: 'w', patch: { priority: 'urgent' } },
  ]);
  const [, rev2, rev3] = states;

  it("does not bring the writer's older value back: their later value stands, the row's new edit applies", () => {
    const decision = decide({ ...rev2, title: 'Referral to cardiology (Dr. Ng)' }, rev3, rev3, writers);
    expect(decision).toMatchObject({ kind: 'write', data: { priority: 'urgent', title: 'Referral to cardiology (Dr. Ng)' } });
    expect(decision.kind === 'write' && decision.superseded).toEqual([]);
  });

  it('applies a value the row changed itself (a later edit by the same writer) as an update', () => {
    const decision = decide({ ...rev2, priority: 'low' }, rev3, rev3, writers);
    expect(decision).toMatchObject({ kind: 'write', data: { priority: 'low' } });
    expect(decision.kind === 'write' && decision.superseded).toEqual([]);
  });

  it("keeps another writer's change made after the row's state, with nothing superseded when the row did not touch it", () => {
    const other = serverHistory([
      { writer: 'w', patch: { priority: 'high' } },
      { writer: 'x', patch: { priority: 'urgent' } },
    ]);
    const decision = decide({ ...other.states[1], description: 'Fax sent' }, other.states[2], other.states[2], other.writers);
    expect(decision).toMatchObject({ kind: 'write', data: { priority: 'urgent', description: 'Fax sent' } });
    expect(decision.kind === 'write' && decision.superseded).toEqual([]);
  });

  it('a row revision the history does not hold (made up) is not taken as its base: the own-writes rule applies as before', () => {
    const decision = decide({ ...rev2, rev: 0, title: 'Made-up revision' }, rev3, rev3, writers, 0);
    expect(decision).toMatchObject({ kind: 'write', merged: false, data: { priority: 'high', title: 'Made-up revision' } });
  });
});

describe("a field another writer changed, then the pusher's own write changed last", () => {
  it("takes the pusher's later value as an update, not a conflict with their own earlier one", () => {
    // x set priority low (rev 2); w's earlier push, merged over it, set high (rev 3); w's replica
    // never adopted that answer (edited meanwhile) and pushes urgent from the creation state.
    const { states, writers } = serverHistory([
      { writer: 'x', patch: { priority: 'low' } },
      { writer: 'w', patch: { priority: 'high' } },
    ]);
    const decision = decide({ ...states[0], priority: 'urgent' }, states[0], states[2], writers);
    expect(decision).toMatchObject({ kind: 'write', data: { priority: 'urgent' } });
    expect(decision.kind === 'write' && decision.superseded).toEqual([]);
  });
});

describe("an insert pushed again after the server took it (its answer lost), with another writer's change since", () => {
  // w filed the task (rev 1); the answer never reached w, whose replica still pushes it as an insert.
  const insertAgain = (pushed: PushedTask, current: PushedTask, writers: Map<number, string>) =>
    decideTaskPush({
      pushed: { ...pushed, rev: current.rev },
      assumed: undefined,
      current: { data: current, deleted: false },
      writer: 'w',
      writers: new Map([...writers, [1, 'w']]),
      rules: () => undefined,
    });

  it("applies the writer's later edit of a field nobody else changed, and keeps the other writer's change", () => {
    const { states, writers } = serverHistory([{ writer: 'x', patch: { priority: 'high' } }]);
    const decision = insertAgain({ ...states[0], title: 'Referral to cardiology, urgent' }, states[1], writers);
    expect(decision).toMatchObject({ kind: 'write', data: { title: 'Referral to cardiology, urgent', priority: 'high' } });
    expect(decision.kind === 'write' && decision.superseded).toEqual([]);
  });

  it('still merges a field both changed: one value stands and the other is kept as superseded', () => {
    const { states, writers } = serverHistory([{ writer: 'x', patch: { title: 'Referral to cardiology (x)' } }]);
    const decision = insertAgain({ ...states[0], title: 'Referral to cardiology (w)' }, states[1], writers);
    expect(decision).toMatchObject({ kind: 'write', data: { title: 'Referral to cardiology (x)' } });
    expect(decision.kind === 'write' && decision.superseded).toEqual([{ field: 'title', value: 'Referral to cardiology (w)' }]);
  });

  it('merges with no common base when another writer filed the task under that id', () => {
    const { states, writers } = serverHistory([]);
    const decision = decideTaskPush({
      pushed: { ...states[0], title: 'Another task' },
      assumed: undefined,
      current: { data: states[0], deleted: false },
      writer: 'w',
      writers: new Map([...writers, [1, 'x']]),
      rules: () => undefined,
    });
    expect(decision.kind === 'write' && decision.superseded).toEqual([{ field: 'title', value: 'Another task' }]);
  });
});

describe('a push with no assumed state for a task another writer filed (the replica lost its record of the server state)', () => {
  // x filed the task (rev 1); w set the due date (rev 2); w's replica, having lost RxDB's record of
  // the server state, pushes its next due date with no assumed state.
  const noAssumed = (pushed: PushedTask, current: PushedTask, writers: Map<number, string>, rowRev?: number) =>
    decideTaskPush({
      pushed: { ...pushed, rev: current.rev },
      assumed: undefined,
      current: { data: current, deleted: false },
      writer: 'w',
      writers: new Map([...writers, [1, 'x']]),
      rowRev,
      rules: () => undefined,
    });

  it("takes the writer's next value of its own last change as an update (from its last write), not a conflict", () => {
    const { states, writers } = serverHistory([{ writer: 'w', patch: { dueAt: at(700) } }]);
    const decision = noAssumed({ ...states[1], dueAt: at(800) }, states[1], writers);
    expect(decision).toMatchObject({ kind: 'write', merged: false, data: { dueAt: at(800) } });
  });

  it('builds on the server state its row names when the history holds it', () => {
    // w set the due date (rev 2), y changed the priority (rev 3), w's replica pulled rev 3 and pushes a new due date.
    const { states, writers } = serverHistory([
      { writer: 'w', patch: { dueAt: at(700) } },
      { writer: 'y', patch: { priority: 'high' } },
    ]);
    const decision = noAssumed({ ...states[2], dueAt: at(800) }, states[2], writers, states[2].rev);
    expect(decision).toMatchObject({ kind: 'write', merged: false, data: { dueAt: at(800), priority: 'high' } });
  });

  it("still merges another writer's change of the same field since the writer's last write: one value stands, the other is kept", () => {
    const { states, writers } = serverHistory([
      { writer: 'w', patch: { dueAt: at(700) } },
      { writer: 'y', patch: { dueAt: at(900) } },
    ]);
    const decision = noAssumed({ ...states[1], dueAt: at(800) }, states[2], writers);
    expect(decision).toMatchObject({ kind: 'write', data: { dueAt: at(900) } });
    expect(decision.kind === 'write' && decision.superseded).toEqual([{ field: 'dueAt', value: at(800) }]);
  });
});

describe('a merge the workflow refuses', () => {
  it("keeps the server's state and records as lost only what the pusher changed, not fields it left as they were", () => {
    // x moved the task on and changed its title; w, from rev 1, changed the priority and the status.
    const { states, writers } = serverHistory([{ writer: 'x', patch: { status: 'done', title: 'Referral sent' } }]);
    const decision = decideTaskPush({
      pushed: { ...states[0], priority: 'urgent', status: 'in_progress', rev: states[1].rev },
      assumed: states[0],
      current: { data: states[1], deleted: false },
      writer: 'w',
      writers,
      // A finished task's fields are frozen: the merge (x's status, w's priority) breaks that.
      rules: (before, after) =>
        before?.status === 'done' && after.priority !== before.priority ? { code: 'frozen', message: 'done is final' } : undefined,
    });
    expect(decision).toMatchObject({ kind: 'write', data: { status: 'done', title: 'Referral sent', priority: 'normal' } });
    expect(decision.kind === 'write' && decision.superseded).toEqual([
      { field: 'status', value: 'in_progress' },
      { field: 'priority', value: 'urgent' },
    ]);
  });
});
