// What the server does with one pushed task, as pure code: the sync server runs it with the policy
// (sync-server/sync/tasks.ts) and the property tests run the very same code against a model server.
import { jsonEqual } from './equal';
import { mergeTask, type SupersededField } from './merge';
import { addedNotes } from './policy/notes';
import { EDITABLE_TASK_FIELDS, type HistoryEntry, type Task } from './task';

export type PushedTask = Task & { _deleted: boolean };

/** A change the policy or the workflow does not allow (`forbidden`: the author's roles never may). */
export interface Violation {
  code: string;
  message: string;
}

export interface TaskPushInput {
  pushed: PushedTask;
  /** The state the client edited from; undefined for an insert (or an unreadable one). */
  assumed: PushedTask | undefined;
  /** What the server holds now. */
  current: { data: Task; deleted: boolean } | undefined;
  /** Who pushes: one person's replica on one workstation, or their session (see sync-server/sync/writer.ts). */
  writer: string;
  /** Who made each write after the assumed state, by rev; a write without a recorded writer counts as another's. */
  writers: ReadonlyMap<number, string>;
  /** The server revision the row itself carries, as sent: the state it was built on (see mergeBase). */
  rowRev?: number;
  rules(before: Task | undefined, after: Task, deleted: boolean): Violation | undefined;
}

export type TaskDecision =
  /** Already the server's state (a retried push): write nothing, answer nothing. */
  | { kind: 'noop' }
  /** Write nothing; answer the row with the server's current state. */
  | { kind: 'answer' }
  | { kind: 'write'; data: Task; deleted: boolean; merged: boolean; superseded?: SupersededField[] }
  | { kind: 'refuse'; violation: Violation };

/** Client fields that describe the task (bookkeeping such as pendingSync is left out). */
const COMPARED_FIELDS = [
  ...EDITABLE_TASK_FIELDS,
  'notes',
  'createdAt',
  'createdBy',
  'updatedAt',
  'followUpOf',
  'suggestedCategory',
] as const;

export function sameClientState(a: Task, aDeleted: boolean, b: Task, bDeleted: boolean): boolean {
  return aDeleted === bDeleted && COMPARED_FIELDS.every((f) => jsonEqual(a[f], b[f]));
}

/**
 * How a push from `assumed` relates to the writes since: `plain` when there were none or all were
 * the pusher's own (its replica already holds them: a plain update), otherwise the base of a
 * three-way merge. In that base, fields the pusher's own write changed last take the server's
 * value, so the pusher's later value of them is an update, not a conflict.
 */
function mergeBase(
  assumed: Task | undefined,
  theirs: Task,
  writer: string,
  writers: ReadonlyMap<number, string>,
  pushed?: Task,
): { plain: true } | { plain: false; base: Task | undefined } {
  const own = (entry: HistoryEntry) => writers.get(entry.rev) === writer;
  // No assumed state: an insert, or a replica that lost its record of the server's state (RxDB's
  // replication metadata, a replication started over). The writer built at least on the server
  // state its row names (its replica held it), or else on its own last write the server took (its
  // writes follow one another: its replica held that one, e.g. the insert whose answer was lost).
  // That is its assumed state, so its later edits are updates and only other writers' changes
  // since can conflict. With neither (another writer's task under the same id), no common base.
  if (!assumed) {
    const held = pushed && theirs.history.some((entry) => entry.rev === pushed.rev) ? pushed.rev : theirs.history.findLast(own)?.rev;
    if (held === undefined) return { plain: false, base: undefined };
    assumed = taskAt(theirs, held);
  }
  if (pushed && pushed.rev < assumed.rev && theirs.history.some((entry) => entry.rev === pushed.rev)) {
    return { plain: false, base: staleRowBase(theirs, pushed, own) };
  }
  if (assumed.rev === theirs.rev) return { plain: true };
  const since = theirs.history.filter((entry) => entry.rev > assumed.rev);
  // An assumed rev the history does not follow (from the future, forged) is merged as before.
  if (since.length > 0 && since.every(own)) return { plain: true };
  const base: Record<string, unknown> = { ...assumed };
  for (const field of lastChangedByOwn(since, own)) base[field] = (theirs as Record<string, unknown>)[field];
  return { plain: false, base: base as Task };
}

/**
 * The fields whose latest change in `entries` is the writer's own. The server's value of such a
 * field is the writer's, so their different value now is a later edit of theirs, not a conflict
 * (another writer's earlier change of it was already replaced by theirs, and is in the history).
 */
function lastChangedByOwn(entries: HistoryEntry[], own: (entry: HistoryEntry) => boolean): string[] {
  const lastIsOwn = new Map<string, boolean>();
  for (const entry of entries) for (const change of entry.changes) lastIsOwn.set(change.field, own(entry));
  return [...lastIsOwn].filter(([, isOwn]) => isOwn).map(([field]) => field);
}

/**
 * The task as it stood at server revision `rev`: `theirs` with the changes its history records
 * after `rev` undone (editable fields; notes added since are taken out).
 */
export function taskAt(theirs: Task, rev: number): Task {
  const state: Record<string, unknown> = { ...theirs, rev };
  for (const entry of [...theirs.history].reverse()) {
    if (entry.rev <= rev) break;
    for (const change of entry.changes) {
      if (change.field === 'notes' || change.field === 'attachments') {
        // Lists that only grow: what was added since is taken out.
        const added = new Set((change.to as { id: string }[]).map((item) => item.id));
        state[change.field] = (state[change.field] as { id: string }[]).filter((item) => !added.has(item.id));
      } else {
        state[change.field] = change.from;
      }
    }
  }
  return state as unknown as Task;
}

/**
 * A row whose own `rev` is older than the assumed state sent with it was built on that older
 * state: the writes in between, even the writer's own, are not in it, so it is no plain update (its
 * values from before them would be applied again). Its base is the task as of its own revision; a
 * field the writer's own write changed last takes the server's value in the base when the row
 * changed it too (a later edit of theirs, which wins), and stays as it was when the row did not (an
 * old value, which must not come back).
 */
function staleRowBase(theirs: Task, pushed: Task, own: (entry: HistoryEntry) => boolean): Task {
  const base: Record<string, unknown> = { ...taskAt(theirs, pushed.rev) };
  const since = theirs.history.filter((entry) => entry.rev > pushed.rev);
  for (const field of lastChangedByOwn(since, own)) {
    if (field !== 'notes' && !jsonEqual((pushed as Record<string, unknown>)[field], base[field]))
      base[field] = (theirs as Record<string, unknown>)[field];
  }
  return base as unknown as Task;
}

export function decideTaskPush({ pushed, assumed, current, writer, writers, rowRev, rules }: TaskPushInput): TaskDecision {
  const refuse = (violation: Violation | undefined) => (violation ? ({ kind: 'refuse', violation } as const) : undefined);
  if (!current) {
    if (pushed._deleted) return { kind: 'noop' };
    return refuse(rules(undefined, pushed, false)) ?? { kind: 'write', data: pushed, deleted: false, merged: false };
  }
  const theirs = current.data;
  if (sameClientState(pushed, pushed._deleted, theirs, current.deleted)) return { kind: 'noop' };

  const relation = mergeBase(assumed, theirs, writer, writers, rowRev === undefined ? undefined : { ...pushed, rev: rowRev });
  if (relation.plain) {
    return refuse(rules(theirs, pushed, pushed._deleted)) ?? { kind: 'write', data: pushed, deleted: pushed._deleted, merged: false };
  }
  if (current.deleted) return { kind: 'answer' };
  if (pushed._deleted) return refuse(rules(theirs, theirs, true)) ?? { kind: 'write', data: theirs, deleted: true, merged: false };

  const { merged, superseded } = mergeTask(relation.base, pushed, theirs);
  if (sameClientState(merged, false, theirs, false) && superseded.length === 0) return { kind: 'answer' };
  // A merged status change goes through the workflow again, from the server's state.
  const violation = rules(theirs, merged, false);
  if (!violation) return { kind: 'write', data: merged, deleted: false, merged: true, superseded };
  // A change the author's roles do not allow is refused whatever it merged with.
  if (violation.code === 'forbidden') return { kind: 'refuse', violation };
  // Our side of the merge breaks a workflow rule: the server's state stands, ours is kept visible.
  // Only what the pusher changed lost: a field it left as it was holds no value of theirs.
  const base = relation.base;
  const lost = EDITABLE_TASK_FIELDS.filter((f) => (!base || !jsonEqual(pushed[f], base[f])) && !jsonEqual(pushed[f], theirs[f])).map(
    (f) => ({ field: f, value: pushed[f] }),
  );
  return { kind: 'write', data: theirs, deleted: false, merged: true, superseded: lost };
}

/** The history entry of one accepted write: who, when, which fields changed, and what lost. */
export function taskHistoryEntry(
  before: Task | undefined,
  after: Task,
  deleted: boolean,
  meta: {
    seq: number;
    at: string;
    actorId: string;
    actorName: string;
    workstationId: string;
    /** The enrolled workstation's name, when it has one. */
    workstationName?: string;
    action?: string;
    superseded?: SupersededField[];
  },
): HistoryEntry {
  // A creation records the status it starts in (and what it waits on): the SLA clock reads the
  // task's whole life from the history, even while a later change is still on a workstation.
  const changes: HistoryEntry['changes'] = before
    ? EDITABLE_TASK_FIELDS.filter((f) => !jsonEqual(before[f], after[f])).map((f) => ({ field: f, from: before[f], to: after[f] }))
    : [
        { field: 'status', from: '', to: after.status },
        ...(after.waitingOn ? [{ field: 'waitingOn', from: '', to: after.waitingOn }] : []),
      ];
  // Notes only grow (policy/notes.ts): the entry shows what was added, as stored.
  const added = before ? addedNotes(before.notes, after.notes) : [];
  if (added.length) changes.push({ field: 'notes', from: [], to: added });
  // Documents only grow too (the server adds them, attachments/store.ts): "attached X".
  const attached = before ? after.attachments.filter((a) => !before.attachments.some((b) => b.id === a.id)) : [];
  if (attached.length) changes.push({ field: 'attachments', from: [], to: attached });
  const { seq, at, actorId, actorName, workstationId, workstationName, action, superseded } = meta;
  const named = workstationName ? { workstationName } : {};
  return {
    rev: seq,
    at,
    actorId,
    actorName,
    workstationId,
    ...named,
    kind: !before ? 'created' : deleted ? 'deleted' : superseded?.length ? 'merged' : 'updated',
    ...(action ? { action } : {}),
    changes,
    ...(superseded?.length
      ? {
          superseded: superseded.map((s) => ({
            ...s,
            byActorId: actorId,
            byWorkstationId: workstationId,
            ...(workstationName ? { byWorkstationName: workstationName } : {}),
          })),
        }
      : {}),
  };
}
