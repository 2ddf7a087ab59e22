// Server rules for the `tasks` collection.
import { taskBuckets } from '../../shared/buckets';
import { isKnownQueue, isKnownTaskType } from '../../shared/catalog';
import { jsonEqual } from '../../shared/equal';
import { mergeTask } from '../../shared/merge';
import { canReadBuckets } from '../../shared/policy';
import { completeTask, EDITABLE_TASK_FIELDS, TaskWire, type HistoryEntry, type Task } from '../../shared/task';
import { policyUser, type Actor } from '../auth/actor';
import { Refusal, type CollectionHandler, type Decision, type DecideInput } from './handler';

/** Client fields that describe the task (bookkeeping such as pendingSync is left out). */
const COMPARED_FIELDS = [...EDITABLE_TASK_FIELDS, 'notes', 'createdAt', 'createdBy', 'updatedAt'] as const;

function sameClientState(a: Task, aDeleted: boolean, b: Task, bDeleted: boolean): boolean {
  return aDeleted === bDeleted && COMPARED_FIELDS.every((f) => jsonEqual(a[f], b[f]));
}

function checkRules(task: Task, actor: Actor): void {
  if (!isKnownQueue(task.queue)) throw new Refusal('invalid_document', `Unknown queue "${task.queue}"`);
  if (!isKnownTaskType(task.typeId)) throw new Refusal('invalid_document', `Unknown task type "${task.typeId}"`);
  if (!actor.locationIds.includes(task.locationId)) {
    throw new Refusal('forbidden', 'You may not file tasks for that location');
  }
}

function decide({ actor, pushed, assumed, current }: DecideInput<Task>): Decision<Task> {
  if (!current) {
    if (pushed._deleted) return { kind: 'noop' };
    checkRules(pushed, actor);
    return { kind: 'write', data: pushed, deleted: false, merged: false };
  }
  const theirs = current.data as Task;
  if (!canReadBuckets(policyUser(actor), current.buckets)) throw new Refusal('forbidden', 'You may not change this task');
  if (sameClientState(pushed, pushed._deleted, theirs, current.deleted)) return { kind: 'noop' };

  const stale = !assumed || assumed.rev !== theirs.rev;
  if (!stale) {
    if (!pushed._deleted) checkRules(pushed, actor);
    return { kind: 'write', data: pushed, deleted: pushed._deleted, merged: false };
  }
  if (current.deleted) return { kind: 'answer' };
  if (pushed._deleted) return { kind: 'write', data: theirs, deleted: true, merged: false };

  const { merged, superseded } = mergeTask(assumed, pushed, theirs);
  if (sameClientState(merged, false, theirs, false) && superseded.length === 0) return { kind: 'answer' };
  try {
    checkRules(merged, actor);
  } catch {
    // Our side of the merge breaks a rule: the server's state stands, ours is kept visible.
    const lost = EDITABLE_TASK_FIELDS.filter((f) => !jsonEqual(pushed[f], theirs[f])).map((f) => ({ field: f, value: pushed[f] }));
    return { kind: 'write', data: theirs, deleted: false, merged: true, superseded: lost };
  }
  return { kind: 'write', data: merged, deleted: false, merged: true, superseded };
}

function historyEntry(before: Task | undefined, after: Task, deleted: boolean, seq: number, at: string, actor: Actor, superseded?: { field: string; value: unknown }[]): HistoryEntry {
  const changes: HistoryEntry['changes'] = before
    ? EDITABLE_TASK_FIELDS.filter((f) => !jsonEqual(before[f], after[f])).map((f) => ({ field: f, from: before[f], to: after[f] }))
    : [];
  if (before && before.notes.length !== after.notes.length) {
    changes.push({ field: 'notes', from: before.notes.length, to: after.notes.length });
  }
  return {
    rev: seq,
    at,
    actorId: actor.userId,
    actorName: actor.displayName,
    workstationId: actor.workstationId,
    kind: !before ? 'created' : deleted ? 'deleted' : superseded?.length ? 'merged' : 'updated',
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
  buckets: taskBuckets,
  decide,
  stamp: ({ data, deleted, before, seq, at, actor, superseded }) => {
    const previous = before ? (before.data as Task) : undefined;
    return {
      ...data,
      pendingSync: false,
      rev: seq,
      serverUpdatedAt: at,
      updatedBy: actor.userId,
      history: [...(previous?.history ?? []), historyEntry(previous, data, deleted, seq, at, actor, superseded)],
    };
  },
  removal: (task) => ({
    ...task,
    title: '',
    patientRef: '',
    description: '',
    waitingReason: '',
    notes: [],
    history: [],
    _deleted: true,
  }),
  recordsRejections: true,
  title: (task) => (typeof task.title === 'string' ? task.title : ''),
};
