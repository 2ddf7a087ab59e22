// Field-level three-way merge of a task: base = the state the workstation edited from,
// ours = what it pushed, theirs = what the server holds now.
import { jsonEqual } from './equal';
import { EDITABLE_TASK_FIELDS, type EditableTaskField, type Task, type TaskNote } from './task';

export interface SupersededField {
  field: EditableTaskField;
  /** The pushed value that lost. */
  value: unknown;
}

export interface TaskMergeResult {
  merged: Task;
  /** Fields both sides changed to different values: the server's value stands, ours is kept here. */
  superseded: SupersededField[];
}

/** Notes are append-only: the union of both sides, ordered by time. */
function mergeNotes(base: TaskNote[], ours: TaskNote[], theirs: TaskNote[]): TaskNote[] {
  const known = new Set(theirs.map((n) => n.id));
  const baseIds = new Set(base.map((n) => n.id));
  const added = ours.filter((n) => !known.has(n.id) && !baseIds.has(n.id));
  if (added.length === 0) return theirs;
  return [...theirs, ...added].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
}

/**
 * Returns the merged document. Server-owned and identity fields always come from `theirs`.
 * With no base (two inserts of one id) every differing field counts as changed on both sides.
 */
export function mergeTask(base: Task | undefined, ours: Task, theirs: Task): TaskMergeResult {
  const merged: Task = { ...theirs };
  const superseded: SupersededField[] = [];
  let oursApplied = false;
  for (const field of EDITABLE_TASK_FIELDS) {
    const oursChanged = !base || !jsonEqual(base[field], ours[field]);
    if (!oursChanged || jsonEqual(ours[field], theirs[field])) continue;
    const theirsChanged = !base || !jsonEqual(base[field], theirs[field]);
    if (theirsChanged) {
      superseded.push({ field, value: ours[field] });
    } else {
      (merged as Record<EditableTaskField, unknown>)[field] = ours[field];
      oursApplied = true;
    }
  }
  merged.notes = mergeNotes(base?.notes ?? [], ours.notes, theirs.notes);
  if (merged.notes !== theirs.notes) oursApplied = true;
  if (oursApplied && ours.updatedAt > theirs.updatedAt) merged.updatedAt = ours.updatedAt;
  return { merged, superseded };
}
