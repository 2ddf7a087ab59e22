// What the move dialog starts with for an action: the task's own values where it has them.
import type { PracticeConfig } from '../../../shared/config/practice';
import type { Task } from '../../../shared/task';
import type { ActionDef } from '../../../shared/workflow/actions';
import type { ActionInput } from '../../../shared/workflow/apply';

export function initialMoveInput(action: ActionDef, task: Task, actorId: string, config: PracticeConfig): ActionInput {
  const type = config.taskTypes.get(task.typeId);
  const input: ActionInput = { actorId };
  if (action.requires.includes('ownerId')) input.ownerId = task.ownerId || actorId;
  if (action.requires.includes('category')) input.category = task.category || task.suggestedCategory || type?.category || '';
  if (action.requires.includes('waitingOn')) input.waitingOn = '';
  if (action.requires.some((r) => typeof r === 'object')) {
    input.reasonCode = '';
    input.reasonNote = '';
  }
  if (action.id === 'wait') input.reasonNote = '';
  if (action.id === 'approve') input.outcome = type?.outcomes[0] ?? 'approved';
  if (action.id === 'close' && type?.outcomes.length) input.outcome = task.outcome;
  return input;
}

/** Where a violation's message shows: a field of the dialog, or the dialog itself. */
export function moveErrorField(field: string | undefined): string {
  return field && ['ownerId', 'category', 'waitingOn', 'reasonCode', 'outcome'].includes(field) ? field : 'form';
}
