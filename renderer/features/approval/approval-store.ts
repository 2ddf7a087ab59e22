// The approval window's reads and writes on the replica, and what this workstation remembers
// about superseded decisions the user has already seen.
import { map, type Observable } from 'rxjs';
import type { PracticeConfig } from '../../../shared/config/practice';
import { EDITABLE_TASK_FIELDS, type Task } from '../../../shared/task';
import type { WorkflowActor } from '../../../shared/workflow/check';
import type { BatonDatabase } from '../../db/database';
import { decide, DECISION_STATUSES, type DecisionId, type DecisionResult } from './approval';
import { updateTask, type TaskPatch } from '../../db/tasks';

const plain = (docs: { toJSON(): unknown }[]) => docs.map((d) => d.toJSON() as Task);

/** Tasks waiting for someone's sign-off (the queue filters them by role). */
export function awaitingReview$(db: BatonDatabase): Observable<Task[]> {
  return db.tasks.find({ selector: { status: { $in: ['needs_review', 'in_review'] } } }).$.pipe(map(plain));
}

/**
 * Tasks that carry a decision: where a superseded decision can show up. Once a task moves on
 * (done, closed, reworked) the notice has had its time and is no longer looked for.
 */
export function decided$(db: BatonDatabase): Observable<Task[]> {
  return db.tasks.find({ selector: { status: { $in: [...DECISION_STATUSES] } } }).$.pipe(map(plain));
}

/**
 * Writes a decision to the replica (pendingSync true; replication takes it to the server). The
 * decision is taken again from the task as it is now, so a decision someone else made meanwhile
 * is not overwritten here: the answer says so instead.
 */
export async function commitDecision(
  db: BatonDatabase,
  taskId: string,
  decision: DecisionId,
  actor: WorkflowActor,
  config: PracticeConfig,
  reasonCode?: string,
): Promise<DecisionResult> {
  const doc = await db.tasks.findOne(taskId).exec();
  if (!doc) return { ok: false, violation: { code: 'invalid_document', message: 'The task is no longer on this workstation' } };
  const result = decide(doc.toJSON() as Task, decision, actor, config, reasonCode);
  if (!result.ok) return result;
  const patch: TaskPatch = {};
  for (const field of EDITABLE_TASK_FIELDS) (patch as Record<string, unknown>)[field] = result.next[field];
  await updateTask(db, taskId, patch);
  return result;
}

const ackKey = (userId: string) => `baton.approval.acknowledged.${userId}`;

export function loadAcknowledged(userId: string): Set<string> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(ackKey(userId)) ?? '[]');
    return new Set(Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveAcknowledged(userId: string, keys: ReadonlySet<string>): void {
  // Keep the most recent few hundred: enough for any notice still on screen.
  localStorage.setItem(ackKey(userId), JSON.stringify([...keys].slice(-500)));
}
