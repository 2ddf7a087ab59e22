// Tasks placed in any status over the real API: filed and then walked through the workflow by a
// manager (who may take every action), one batch per step, so tests start from honest states.
import { DEMO_TASK_TYPES } from '../../shared/config/demo';
import { newId } from '../../shared/ids';
import type { Task, TaskStatus } from '../../shared/task';
import { PUSH_ROWS_MAX } from '../../shared/wire';
import { applyAction, findAction, type ActionInput } from '../../shared/workflow/apply';
import type { ActionId } from '../../shared/workflow/actions';
import { newTaskDoc, type Api } from './api';

export interface FixtureSpec {
  status: TaskStatus;
  typeId: string;
  queue: string;
  ownerId: string;
  locationId?: string;
  title?: string;
}

const REVIEW_PATH: ActionId[] = ['start', 'send_to_review'];
const PATHS: Record<TaskStatus, (review: boolean) => ActionId[]> = {
  new: () => [],
  ready: () => ['accept'],
  in_progress: () => ['start'],
  waiting: () => ['start', 'wait'],
  needs_review: () => REVIEW_PATH,
  in_review: () => [...REVIEW_PATH, 'pick_up_review'],
  approved: () => [...REVIEW_PATH, 'approve'],
  rejected: () => [...REVIEW_PATH, 'reject'],
  needs_info: () => [...REVIEW_PATH, 'request_info'],
  done: (review) => (review ? [...REVIEW_PATH, 'approve', 'complete'] : ['start', 'complete']),
  closed: (review) => (review ? [...REVIEW_PATH, 'approve', 'close'] : ['start', 'complete', 'close']),
};

/** A reason code of the kind each action needs (from the demo configuration). */
const REASON_FOR: Partial<Record<ActionId, string>> = {
  wait: 'missing_info',
  reject: 'wrong_order',
  request_info: 'need_clinical_notes',
  reopen: 'patient_called_back',
};

/** Everything an action may ask for, so only the rules under test can refuse it. */
export function fullInput(task: Task, actionId: ActionId, actorId: string): ActionInput {
  return {
    actorId,
    ownerId: task.ownerId,
    category: task.category,
    waitingOn: actionId === 'wait' ? 'patient' : undefined,
    reasonCode: REASON_FOR[actionId],
    reasonNote: REASON_FOR[actionId] ? `Why ${actionId}, in words` : undefined,
    outcome: actionId === 'approve' ? (DEMO_TASK_TYPES[task.typeId]?.outcomes[0] ?? 'approved') : undefined,
  };
}

/** Pushes rows as a workstation would: at most PUSH_ROWS_MAX a request; throws on any refusal. */
async function pushInBatches(manager: Api, rows: unknown[], label: string): Promise<void> {
  for (let i = 0; i < rows.length; i += PUSH_ROWS_MAX) {
    const answer = await manager.post('/api/sync/tasks/push', rows.slice(i, i + PUSH_ROWS_MAX));
    if (answer.status !== 200 || answer.body.length)
      throw new Error(`fixture ${label} refused: ${JSON.stringify(answer.body).slice(0, 400)}`);
  }
}

/** Files the tasks as `manager` and walks each to its status; returns them as the server holds them. */
export async function placeTasks(manager: Api, specs: FixtureSpec[]): Promise<Task[]> {
  const docs = specs.map((spec) => {
    const type = DEMO_TASK_TYPES[spec.typeId];
    return newTaskDoc({
      id: newId(),
      title: spec.title ?? `Fixture ${spec.status}`,
      status: 'new',
      typeId: spec.typeId,
      queue: spec.queue,
      locationId: spec.locationId ?? 'loc-main',
      ownerId: spec.ownerId,
      category: type.category,
      providerId: 'u-clinician',
      description: 'Fixture request',
      checklist: type.checklist.map((label, i) => ({ id: `c${i}`, label, done: true })),
    });
  });
  await pushInBatches(
    manager,
    docs.map((d) => ({ newDocumentState: d })),
    'intake',
  );
  const current = new Map(docs.map((d) => [d.id, d as Task]));
  const paths = specs.map((spec) => PATHS[spec.status](DEMO_TASK_TYPES[spec.typeId].review.required));
  const refresh = async () => {
    const { documents } = await manager.pullAll('tasks', 5000);
    for (const doc of documents) if (current.has(doc.id)) current.set(doc.id, doc);
  };
  await refresh();
  for (let step = 0; paths.some((p) => p.length > step); step++) {
    const rows = docs.flatMap((doc, i) => {
      const actionId = paths[i][step];
      if (!actionId) return [];
      const task = current.get(doc.id)!;
      const type = DEMO_TASK_TYPES[task.typeId];
      const action = findAction(actionId, task, type)!;
      const next = applyAction(task, action, fullInput(task, actionId, manager.userId), type);
      return [{ assumedMasterState: task, newDocumentState: { ...next, pendingSync: true } }];
    });
    await pushInBatches(manager, rows, `step ${step}`);
    await refresh();
  }
  return docs.map((d) => current.get(d.id)!);
}
