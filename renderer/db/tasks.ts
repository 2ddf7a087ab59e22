// Local task operations: every write goes to the replica first and marks itself for upload.
import { combineLatest, map, type Observable } from 'rxjs';
import { COLLECTION_NAMES } from '../../shared/collections';
import { newId } from '../../shared/ids';
import {
  EMPTY_SERVER_FIELDS,
  EMPTY_WORKFLOW_FIELDS,
  TaskClientFields,
  TaskNote,
  type EditableTaskField,
  type Task,
} from '../../shared/task';
import type { BatonDatabase } from './database';

export interface Actor {
  id: string;
  displayName: string;
}

export type TaskDraft = Pick<Task, 'title' | 'typeId' | 'queue' | 'locationId' | 'priority' | 'dueAt' | 'channel'> &
  Partial<
    Pick<
      Task,
      | 'patientRef'
      | 'description'
      | 'ownerId'
      | 'status'
      | 'category'
      | 'providerId'
      | 'checklist'
      | 'suggestedCategory'
      | 'suggestionConfidence'
      | 'followUpOf'
    >
  >;

export type TaskPatch = Partial<Pick<Task, EditableTaskField>>;

/** The workstation's notion of now: its own clock, which may be wrong (never used for ordering). */
export type Clock = () => Date;
const systemClock: Clock = () => new Date();

/** A new task document from a draft, validated; throws a ZodError naming the fields that are wrong. */
export function newTaskDocument(draft: TaskDraft, actor: Actor, clock: Clock = systemClock): Task {
  const at = clock().toISOString();
  const client = TaskClientFields.parse({
    id: newId(),
    status: 'new',
    ownerId: '',
    patientRef: '',
    description: '',
    ...EMPTY_WORKFLOW_FIELDS,
    notes: [],
    ...draft,
    createdAt: at,
    createdBy: actor.id,
    updatedAt: at,
    pendingSync: true,
  });
  return { ...client, ...EMPTY_SERVER_FIELDS };
}

/** Validates and inserts a new task; throws a ZodError naming the fields that are wrong. */
export async function createTask(db: BatonDatabase, draft: TaskDraft, actor: Actor, clock: Clock = systemClock): Promise<Task> {
  const task = newTaskDocument(draft, actor, clock);
  await db.tasks.insert(task);
  return task;
}

/** Applies a validated patch to a task. */
export async function updateTask(db: BatonDatabase, id: string, patch: TaskPatch, clock: Clock = systemClock): Promise<void> {
  const doc = await db.tasks.findOne(id).exec();
  if (!doc) throw new Error(`Task ${id} is not in this replica`);
  await doc.incrementalModify((current) => {
    const next = { ...current, ...patch, updatedAt: clock().toISOString(), pendingSync: true };
    TaskClientFields.parse(next);
    return next;
  });
}

export async function addNote(db: BatonDatabase, id: string, text: string, actor: Actor, clock: Clock = systemClock): Promise<string> {
  const at = clock().toISOString();
  const note = TaskNote.parse({ id: newId(), at, authorId: actor.id, authorName: actor.displayName, text });
  const doc = await db.tasks.findOne(id).exec();
  if (!doc) throw new Error(`Task ${id} is not in this replica`);
  await doc.incrementalModify((current) => ({
    ...current,
    notes: [...current.notes, note],
    updatedAt: at,
    pendingSync: true,
  }));
  return note.id;
}

export async function dismissRejection(db: BatonDatabase, id: string): Promise<void> {
  const doc = await db.rejections.findOne(id).exec();
  await doc?.incrementalPatch({ dismissed: true, pendingSync: true });
}

/** How many local changes wait to upload. */
export function pendingCount$(db: BatonDatabase): Observable<number> {
  return combineLatest(COLLECTION_NAMES.map((name) => db[name].count({ selector: { pendingSync: true } }).$)).pipe(
    map((counts) => counts.reduce((sum, n) => sum + n, 0)),
  );
}
