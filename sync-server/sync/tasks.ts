// Server rules for the `tasks` collection: schema, location, the workflow's transitions and
// intake criteria (the same shared code the workstation runs), and the server-owned fields.
import type { PracticeConfig } from '../../shared/config/practice';
import { bucketsOfTask, checkTaskPermission, notesViolation, taskAccess } from '../../shared/policy';
import { decideTaskPush, taskHistoryEntry, type Violation } from '../../shared/push-decision';
import { completeTask, TaskWire, type Task } from '../../shared/task';
import { actionFor } from '../../shared/workflow/actions';
import { policyUser, type Actor } from '../auth/actor';
import { Refusal, type CollectionHandler, type Decision, type DecideInput } from './handler';

/** The policy and the workflow, as the author's refusal will read (the server's own writes: schema and location only). */
function violation(
  before: Task | undefined,
  after: Task,
  actor: Actor,
  practice: PracticeConfig,
  deleted: boolean,
  isActiveUser?: (id: string) => boolean,
): Violation | undefined {
  if (actor.system) {
    return actor.locationIds.includes(after.locationId)
      ? undefined
      : { code: 'forbidden', message: 'You may not file tasks for that location' };
  }
  return checkTaskPermission(policyUser(actor), before, after, practice, deleted, { now: Date.now(), isActiveUser });
}

function decide({ actor, practice, pushed, assumed, current, writer, writers, rowRev, activeUserIds }: DecideInput<Task>): Decision<Task> {
  // Before anything else: a task the author may not read is neither changed nor described to them.
  if (current && !actor.system && taskAccess(policyUser(actor), current.data as Task, practice) === 'none') {
    throw new Refusal('forbidden', 'You may not change this task', true);
  }
  // A merge keeps the server's notes whatever ours did to them: a rewrite of a saved note is
  // refused here, not silently dropped (the author learns a correction is a new note).
  const notes = current && assumed ? notesViolation(assumed.notes, pushed.notes) : undefined;
  if (notes) throw new Refusal(notes.code, notes.message);
  const isActiveUser = activeUserIds ? (id: string) => activeUserIds.has(id) : undefined;
  const decision = decideTaskPush({
    pushed,
    assumed,
    current: current && { data: current.data as Task, deleted: current.deleted },
    writer,
    writers,
    rowRev,
    rules: (before, after, deleted) => violation(before, after, actor, practice, deleted, isActiveUser),
  });
  if (decision.kind === 'refuse') throw new Refusal(decision.violation.code, decision.violation.message);
  return decision;
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
    const notes = actor.system
      ? data.notes
      : data.notes.map((n) => (knownNotes.has(n.id) ? n : { ...n, authorId: actor.userId, authorName: actor.displayName }));
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
      history: [
        ...(previous?.history ?? []),
        taskHistoryEntry(previous, { ...data, notes }, deleted, {
          seq,
          at,
          actorId: actor.userId,
          actorName: actor.displayName,
          workstationId: actor.workstationId,
          workstationName: actor.workstationName,
          action: actionId,
          superseded,
        }),
      ],
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
    attachments: [],
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
