// Server rules for the `tasks` collection: schema, location, the workflow's transitions and
// intake criteria (the same shared code the workstation runs), and the server-owned fields.
import type { PracticeConfig } from '../../shared/config/practice';
import { jsonEqual } from '../../shared/equal';
import { mergeTask } from '../../shared/merge';
import { bucketsOfTask, checkTaskPermission, taskAccess } from '../../shared/policy';
import { completeTask, EDITABLE_TASK_FIELDS, TaskWire, type HistoryEntry, type Task } from '../../shared/task';
import { actionFor } from '../../shared/workflow/actions';
import { policyUser, type Actor } from '../auth/actor';
import { Refusal, type CollectionHandler, type Decision, type DecideInput } from './handler';

/** Client fields that describe the task (bookkeeping such as pendingSync is left out). */
const COMPARED_FIELDS = [...EDITABLE_TASK_FIELDS, 'notes', 'createdAt', 'createdBy', 'updatedAt', 'followUpOf', 'suggestedCategory'] as const;

function sameClientState(a: Task, aDeleted: boolean, b: Task, bDeleted: boolean): boolean {
  return aDeleted === bDeleted && COMPARED_FIELDS.every((f) => jsonEqual(a[f], b[f]));
}

/** Throws the refusal the author will read when the change breaks the policy or the workflow. */
function checkRules(before: Task | undefined, after: Task, actor: Actor, practice: PracticeConfig, deleted = false): void {
  if (actor.system) {
    // The server's own writes (the demo seed) follow the schema and the location only.
    if (!actor.locationIds.includes(after.locationId)) throw new Refusal('forbidden', 'You may not file tasks for that location');
    return;
  }
  const violation = checkTaskPermission(policyUser(actor), before, after, practice, deleted);
  if (violation) throw new Refusal(violation.code, violation.message);
}

function decide({ actor, practice, pushed, assumed, current }: DecideInput<Task>): Decision<Task> {
  if (!current) {
    if (pushed._deleted) return { kind: 'noop' };
    checkRules(undefined, pushed, actor, practice);
    return { kind: 'write', data: pushed, deleted: false, merged: false };
  }
  const theirs = current.data as Task;
  // Before anything else: a task the author may not read is neither changed nor described to them.
  if (!actor.system && taskAccess(policyUser(actor), theirs, practice) === 'none') throw new Refusal('forbidden', 'You may not change this task', true);
  if (sameClientState(pushed, pushed._deleted, theirs, current.deleted)) return { kind: 'noop' };

  const stale = !assumed || assumed.rev !== theirs.rev;
  if (!stale) {
    checkRules(theirs, pushed, actor, practice, pushed._deleted);
    return { kind: 'write', data: pushed, deleted: pushed._deleted, merged: false };
  }
  if (current.deleted) return { kind: 'answer' };
  if (pushed._deleted) {
    checkRules(theirs, theirs, actor, practice, true);
    return { kind: 'write', data: theirs, deleted: true, merged: false };
  }

  const { merged, superseded } = mergeTask(assumed, pushed, theirs);
  if (sameClientState(merged, false, theirs, false) && superseded.length === 0) return { kind: 'answer' };
  try {
    // A merged status change goes through the workflow again, from the server's state.
    checkRules(theirs, merged, actor, practice);
  } catch (error) {
    // A change the author's roles do not allow is refused whatever it merged with.
    if (error instanceof Refusal && error.code === 'forbidden') throw error;
    // Our side of the merge breaks a workflow rule: the server's state stands, ours is kept visible.
    const lost = EDITABLE_TASK_FIELDS.filter((f) => !jsonEqual(pushed[f], theirs[f])).map((f) => ({ field: f, value: pushed[f] }));
    return { kind: 'write', data: theirs, deleted: false, merged: true, superseded: lost };
  }
  return { kind: 'write', data: merged, deleted: false, merged: true, superseded };
}

function historyEntry(
  before: Task | undefined,
  after: Task,
  deleted: boolean,
  meta: { seq: number; at: string; actor: Actor; action?: string; superseded?: { field: string; value: unknown }[] },
): HistoryEntry {
  // A creation records the status it starts in (and what it waits on): the SLA clock reads the
  // task's whole life from the history, even while a later change is still on a workstation.
  const changes: HistoryEntry['changes'] = before
    ? EDITABLE_TASK_FIELDS.filter((f) => !jsonEqual(before[f], after[f])).map((f) => ({ field: f, from: before[f], to: after[f] }))
    : [{ field: 'status', from: '', to: after.status }, ...(after.waitingOn ? [{ field: 'waitingOn', from: '', to: after.waitingOn }] : [])];
  if (before && before.notes.length !== after.notes.length) {
    changes.push({ field: 'notes', from: before.notes.length, to: after.notes.length });
  }
  const { seq, at, actor, action, superseded } = meta;
  return {
    rev: seq,
    at,
    actorId: actor.userId,
    actorName: actor.displayName,
    workstationId: actor.workstationId,
    kind: !before ? 'created' : deleted ? 'deleted' : superseded?.length ? 'merged' : 'updated',
    ...(action ? { action } : {}),
    changes,
    ...(superseded?.length
      ? { superseded: superseded.map((s) => ({ ...s, byActorId: actor.userId, byWorkstationId: actor.workstationId })) }
      : {}),
  };
}

export const tasksHandler: CollectionHandler<Task> = {
  name: 'tasks',
  wire: TaskWire,
  complete: (pushed, current, actor) =>
    completeTask(pushed, current?.data, { locationId: actor.locationIds[0] ?? '', actorId: actor.userId, now: new Date().toISOString() }),
  buckets: bucketsOfTask,
  decide,
  stamp: ({ data, deleted, before, seq, at, actor, practice, superseded, action: automated }) => {
    const previous = before ? (before.data as Task) : undefined;
    const statusChanged = !previous || previous.status !== data.status;
    const action = previous && statusChanged ? actionFor(previous.status, data.status, practice.taskTypes.get(data.typeId)) : undefined;
    const actionId = automated ?? action?.id;
    // Who did it comes from the session, never from the document: the creator of a new task and
    // the author of each new note are stamped (the seed files demo tasks in other people's names).
    const knownNotes = new Set(previous?.notes.map((n) => n.id));
    const notes = actor.system ? data.notes : data.notes.map((n) => (knownNotes.has(n.id) ? n : { ...n, authorId: actor.userId, authorName: actor.displayName }));
    return {
      ...data,
      createdBy: previous || actor.system ? data.createdBy : actor.userId,
      notes,
      pendingSync: false,
      rev: seq,
      serverUpdatedAt: at,
      updatedBy: actor.userId,
      reworkCount: (previous?.reworkCount ?? 0) + (action?.rework ? 1 : 0),
      statusSince: statusChanged ? at : (previous?.statusSince ?? at),
      ownerSince: !previous || previous.ownerId !== data.ownerId ? (data.ownerId ? at : '') : previous.ownerSince,
      history: [...(previous?.history ?? []), historyEntry(previous, data, deleted, { seq, at, actor, action: actionId, superseded })],
    };
  },
  // A removal may reach a reader who never held the task (a resync after lost access): it keeps
  // only what the replica's schema needs, no PHI and no working detail.
  removal: (task) => ({
    ...task,
    title: '',
    patientRef: '',
    description: '',
    reasonNote: '',
    notes: [],
    history: [],
    checklist: [],
    category: '',
    providerId: '',
    ownerId: '',
    reviewerId: '',
    outcome: '',
    reasonCode: '',
    createdBy: '',
    updatedBy: '',
    _deleted: true,
  }),
  recordsRejections: true,
  title: (task) => (typeof task.title === 'string' ? task.title : ''),
};
