// Field-level three-way merge: base = the state the workstation edited from, ours = what it
// pushed, theirs = what the server holds now.
import { jsonEqual } from './equal';
import { EDITABLE_TASK_FIELDS, type ChecklistItem, type Task, type TaskNote } from './task';

export interface SupersededField {
  field: string;
  /** The pushed value that lost. */
  value: unknown;
}

export interface MergeResult<T> {
  merged: T;
  /** Fields both sides changed to different values: the server's value stands, ours is kept here. */
  superseded: SupersededField[];
  /** Whether any of ours made it into the result. */
  oursApplied: boolean;
}

/**
 * Merges `fields`; every other field comes from `theirs`. With no base (two inserts of one id)
 * every differing field counts as changed on both sides.
 */
export function mergeFields<T extends object>(
  base: T | undefined,
  ours: T,
  theirs: T,
  fields: readonly (keyof T & string)[],
): MergeResult<T> {
  const merged: T = { ...theirs };
  const superseded: SupersededField[] = [];
  let oursApplied = false;
  for (const field of fields) {
    const oursChanged = !base || !jsonEqual(base[field], ours[field]);
    if (!oursChanged || jsonEqual(ours[field], theirs[field])) continue;
    const theirsChanged = !base || !jsonEqual(base[field], theirs[field]);
    if (theirsChanged) {
      superseded.push({ field, value: ours[field] });
    } else {
      merged[field] = ours[field];
      oursApplied = true;
    }
  }
  return { merged, superseded, oursApplied };
}

/** Notes are append-only: the union of both sides, ordered by time. */
function mergeNotes(base: TaskNote[], ours: TaskNote[], theirs: TaskNote[]): TaskNote[] {
  const known = new Set(theirs.map((n) => n.id));
  const baseIds = new Set(base.map((n) => n.id));
  const added = ours.filter((n) => !known.has(n.id) && !baseIds.has(n.id));
  if (added.length === 0) return theirs;
  return [...theirs, ...added].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
}

/** Checklist items merge one by one: two people ticking different items both count. */
function mergeChecklist(base: ChecklistItem[], ours: ChecklistItem[], theirs: ChecklistItem[]): ChecklistItem[] {
  const baseById = new Map(base.map((i) => [i.id, i]));
  const oursById = new Map(ours.map((i) => [i.id, i]));
  return theirs.map((item) => {
    const mine = oursById.get(item.id);
    const was = baseById.get(item.id);
    return mine && was && mine.done !== was.done && item.done === was.done ? { ...item, done: mine.done } : item;
  });
}

const FIELD_BY_FIELD = EDITABLE_TASK_FIELDS.filter((f) => f !== 'checklist');

/** Fields an action sets together with the status: they win or lose with it. */
const SET_WITH_STATUS = ['reasonCode', 'reasonNote', 'waitingOn', 'outcome', 'reviewerId'] as const;

/** A task: editable fields merge field by field, notes by union, checklist by item; the rest is the server's. */
export function mergeTask(base: Task | undefined, ours: Task, theirs: Task): MergeResult<Task> {
  const result = mergeFields(base, ours, theirs, FIELD_BY_FIELD);
  const sameItems = (a: ChecklistItem[], b: ChecklistItem[]) =>
    a.length === b.length && a.every((item, i) => item.id === b[i].id && item.label === b[i].label);
  if (base && sameItems(base.checklist, ours.checklist) && sameItems(base.checklist, theirs.checklist)) {
    const checklist = mergeChecklist(base.checklist, ours.checklist, theirs.checklist);
    if (!jsonEqual(checklist, theirs.checklist)) {
      result.merged.checklist = checklist;
      result.oursApplied = true;
    }
  } else {
    const whole = mergeFields(base, ours, theirs, ['checklist']);
    result.merged.checklist = whole.merged.checklist;
    result.superseded.push(...whole.superseded);
    result.oursApplied ||= whole.oursApplied;
  }
  const notes = mergeNotes(base?.notes ?? [], ours.notes, theirs.notes);
  if (notes !== theirs.notes) {
    result.merged.notes = notes;
    result.oursApplied = true;
  }
  if (result.superseded.some((s) => s.field === 'status')) {
    // Our status change lost: the reason or outcome that came with it must not land on theirs.
    for (const field of SET_WITH_STATUS) {
      if (jsonEqual(result.merged[field], theirs[field])) continue;
      result.superseded.push({ field, value: result.merged[field] });
      (result.merged as Record<string, unknown>)[field] = theirs[field];
    }
  }
  if (result.oursApplied && ours.updatedAt > theirs.updatedAt) result.merged.updatedAt = ours.updatedAt;
  return result;
}
