// Workflow writes on this workstation: each runs the same shared check the server runs before it
// touches the replica, so what the server would refuse is never written.
import type { PracticeConfig } from '../../shared/config/practice';
import { TaskClientFields, TASK_STATUSES, type Task } from '../../shared/task';
import type { Role } from '../../shared/wire';
import { applyAction, findAction, type ActionInput } from '../../shared/workflow/apply';
import type { ActionId } from '../../shared/workflow/actions';
import { checkTaskPermission } from '../../shared/policy';
import { checkIntake, type Violation } from '../../shared/workflow/check';
import type { Workload } from '../../shared/workflow/routing';
import { isOpenStatus } from '../../shared/workflow/statuses';
import type { BatonDatabase } from '../db/database';
import { newTaskDocument, type Actor, type TaskDraft } from '../db/tasks';
import { followUpTasks } from './workflow';

export interface WorkflowActor extends Actor {
  /** Every role the user holds; the policy takes their union. */
  roles: readonly Role[];
  locationIds: readonly string[];
}

/** Open work on this replica, for routing (least open work, round-robin). */
export async function currentWorkloads(db: BatonDatabase): Promise<Workload[]> {
  const open = TASK_STATUSES.filter(isOpenStatus);
  const docs = await db.tasks.find({ selector: { status: { $in: open }, ownerId: { $ne: '' } } }).exec();
  return docs.map((d) => ({ ownerId: d.ownerId, status: d.status, ownerSince: d.ownerSince }));
}

/** Intake: creates the task only if it passes the intake check; returns the violation otherwise. */
export async function createIntakeTask(
  db: BatonDatabase,
  draft: TaskDraft,
  actor: Actor,
  config: PracticeConfig,
): Promise<{ task?: Task; violation?: Violation }> {
  const task = newTaskDocument({ ...draft, status: 'new' }, actor);
  const violation = checkIntake(task, config);
  if (violation) return { violation };
  await db.tasks.insert(task);
  return { task };
}

/** The task as `action` would leave it, and what the shared check says about that. */
function previewAction(task: Task, actionId: ActionId, input: ActionInput, actor: WorkflowActor, config: PracticeConfig) {
  const type = config.taskTypes.get(task.typeId);
  const action = findAction(actionId, task, type);
  if (!action) {
    return {
      next: task,
      violation: { code: 'forbidden_transition', field: 'status', message: 'This action is not available any more' } as Violation,
    };
  }
  const next = applyAction(task, action, input, type);
  // The server's own check: the policy (access, fields) and the workflow.
  return { next, violation: checkTaskPermission(actor, task, next, config) };
}

/** Takes a workflow action; closing creates the type's follow-ups. Returns the violation, if any. */
export async function takeAction(
  db: BatonDatabase,
  taskId: string,
  actionId: ActionId,
  input: ActionInput,
  actor: WorkflowActor,
  config: PracticeConfig,
  extra: Partial<Pick<Task, 'priority' | 'queue'>> = {},
): Promise<{ violation?: Violation; followUps: Task[] }> {
  const doc = await db.tasks.findOne(taskId).exec();
  if (!doc) return { violation: { code: 'invalid_document', message: 'This task is not on this workstation any more' }, followUps: [] };
  const current = doc.toJSON() as Task;
  const { next, violation } = previewAction({ ...current, ...extra }, actionId, input, actor, config);
  if (violation) return { violation, followUps: [] };
  let written: Task = next;
  await doc.incrementalModify((latest) => {
    const merged = { ...latest, ...diff(current, next), updatedAt: new Date().toISOString(), pendingSync: true };
    TaskClientFields.parse(merged);
    written = merged;
    return merged;
  });
  const followUps = actionId === 'close' ? await createFollowUps(db, written, actor, config) : [];
  return { followUps };
}

/** Only the fields the action changed, so a concurrent edit of another field survives. */
function diff(before: Task, after: Task): Partial<Task> {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Task)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = after[key];
  }
  return changed;
}

/** Ticks or unticks one checklist item on the latest state of the task (not a stale copy). */
export async function toggleChecklistItem(db: BatonDatabase, taskId: string, itemId: string): Promise<void> {
  const doc = await db.tasks.findOne(taskId).exec();
  await doc?.incrementalModify((latest) => ({
    ...latest,
    checklist: latest.checklist.map((item) => (item.id === itemId ? { ...item, done: !item.done } : item)),
    updatedAt: new Date().toISOString(),
    pendingSync: true,
  }));
}

/** Inserts the follow-ups of a closed task that this replica does not have yet. */
async function createFollowUps(db: BatonDatabase, closed: Task, actor: Actor, config: PracticeConfig): Promise<Task[]> {
  const drafts = followUpTasks(closed, config, await currentWorkloads(db), actor.id, new Date());
  const created: Task[] = [];
  for (const task of drafts) {
    if (await db.tasks.findOne(task.id).exec()) continue;
    if (checkIntake(task, config)) continue;
    await db.tasks.insert(task);
    created.push(task);
  }
  return created;
}
