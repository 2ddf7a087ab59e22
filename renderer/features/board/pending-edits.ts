// Local edits shown on the board the moment they are made, before the replica's write commits (a
// write to the encrypted IndexedDB replica takes 20–40 ms, longer than a frame). An edit shows only
// over the version of the task it was made on: as soon as the board has any newer version (this
// write's, or someone else's), the replica's own data shows, so an edit shown here can never hide a
// later change. A write that fails takes its edit away at once.
import { useMemo } from 'react';
import { create } from 'zustand';
import { TaskClientFields, type Task } from '../../../shared/task';
import type { BatonDatabase } from '../../db/database';
import { updateTask, type TaskPatch } from '../../db/tasks';

interface PendingEdit {
  /** The edited version (its updatedAt): the edit shows only over it. */
  base: string;
  patch: TaskPatch;
}

const usePendingEdits = create<Record<string, PendingEdit>>()(() => ({}));

/** How long a written edit stays after its write: the board's live queries have the new version long before. */
const KEEP_MS = 2000;

function forget(id: string, edit: PendingEdit): void {
  usePendingEdits.setState((all) => {
    if (all[id] !== edit) return all;
    const { [id]: _gone, ...rest } = all;
    return rest;
  }, true);
}

/**
 * updateTask for a task as the person sees it: validated first (a change the replica would refuse
 * is never shown), shown on the board at once, then written. Throws what updateTask throws.
 */
export async function editShownTask(db: BatonDatabase, task: Task, patch: TaskPatch): Promise<void> {
  TaskClientFields.parse({ ...task, ...patch });
  const edit: PendingEdit = { base: task.updatedAt, patch };
  usePendingEdits.setState({ [task.id]: edit });
  try {
    // The write starts after React has drawn the edit (its render of this update is already queued
    // as a microtask): RxDB's synchronous start of a write would otherwise hold up that frame.
    await Promise.resolve();
    await updateTask(db, task.id, patch);
  } catch (error) {
    forget(task.id, edit);
    throw error;
  }
  setTimeout(() => forget(task.id, edit), KEEP_MS);
}

/** The task with the person's own edit not yet in the replica, if one was made on this version. */
export function shownTask(task: Task, edit: PendingEdit | undefined = usePendingEdits.getState()[task.id]): Task {
  return edit && edit.base === task.updatedAt ? { ...task, ...edit.patch } : task;
}

/** shownTask for a component: it renders again when an edit of this task is shown or forgotten. */
export function useShownTask(task: Task): Task {
  const edit = usePendingEdits((all) => all[task.id]);
  return useMemo(() => shownTask(task, edit), [task, edit]);
}
