// Taking an action on a task: the one place that knows which fields each action sets or clears,
// used by the board, the approval window and the tests.
import type { TaskTypeConfig } from '../config/schemas';
import type { Task, WaitingOn } from '../task';
import { ACTIONS, type ActionDef, type ActionId } from './actions';

export interface ActionInput {
  actorId: string;
  ownerId?: string;
  category?: string;
  waitingOn?: WaitingOn;
  reasonCode?: string;
  reasonNote?: string;
  outcome?: string;
}

export function findAction(id: ActionId, task: Pick<Task, 'status'>, type: TaskTypeConfig | undefined): ActionDef | undefined {
  return ACTIONS.find((a) => a.id === id && a.from.includes(task.status) && (!a.when || a.when(type)));
}

/** The task after `action` (not yet validated: run checkTransition on the result). */
export function applyAction(task: Task, action: ActionDef, input: ActionInput, type: TaskTypeConfig | undefined): Task {
  const next: Task = { ...task, status: action.to };
  if (input.ownerId !== undefined) next.ownerId = input.ownerId;
  if (input.category !== undefined) next.category = input.category;
  if (input.reasonNote !== undefined) next.reasonNote = input.reasonNote;
  const takesReason = action.requires.some((r) => typeof r === 'object');
  if (takesReason) next.reasonCode = input.reasonCode ?? '';
  else if (action.id !== 'close') next.reasonCode = '';
  next.waitingOn = action.id === 'wait' ? (input.waitingOn ?? '') : '';
  if (action.roles.includes('reviewer')) next.reviewerId = input.actorId;
  if (action.id === 'withdraw_review' || action.id === 'reopen') next.reviewerId = '';
  if (action.id === 'approve') next.outcome = input.outcome ?? type?.outcomes[0] ?? 'approved';
  if (action.id === 'reject') next.outcome = 'rejected';
  if (action.id === 'close' && input.outcome !== undefined) next.outcome = input.outcome;
  if (action.id === 'reopen') next.outcome = '';
  return next;
}
