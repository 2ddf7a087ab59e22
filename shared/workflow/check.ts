// The one check both sides run on a task change: the workstation before it writes, the server
// before it accepts. Pure: everything it needs comes in as arguments.
import type { PracticeConfig } from '../config/practice';
import type { Task } from '../task';
import type { Role } from '../wire';
import { actionFor, mayTake, type ActionDef, type Requirement } from './actions';

export interface Violation {
  code: 'invalid_document' | 'forbidden_transition' | 'forbidden' | 'missing_field';
  /** The field to point at in the form, when there is one. */
  field?: string;
  message: string;
}

export interface WorkflowActor {
  id: string;
  /** Every role the user holds: an action is allowed when any of them may take it. */
  roles: readonly Role[];
}

const FIELD_LABELS: Record<string, string> = {
  category: 'Category',
  patientRef: 'Patient reference (MRN and initials)',
  providerId: 'Provider',
  dueAt: 'Due date',
  channel: 'Channel',
  description: 'Request details',
  ownerId: 'Owner',
  waitingOn: 'Waiting on',
  reasonCode: 'Reason code',
};

function unmet(task: Task, requirement: Requirement, config: PracticeConfig): Violation | undefined {
  if (requirement === 'checklistDone') {
    const open = task.checklist.filter((item) => !item.done).length;
    return open ? { code: 'missing_field', field: 'checklist', message: `Finish the checklist first (${open} open)` } : undefined;
  }
  if (typeof requirement === 'object') {
    const code = config.reasonCodes.get(task.reasonCode);
    if (!task.reasonCode) return { code: 'missing_field', field: 'reasonCode', message: 'A reason code is required' };
    if (!code || code.kind !== requirement.reason || !code.active) {
      return {
        code: 'missing_field',
        field: 'reasonCode',
        message: `"${task.reasonCode}" is not a ${requirement.reason.replace('_', ' ')} reason code`,
      };
    }
    return undefined;
  }
  return task[requirement] ? undefined : { code: 'missing_field', field: requirement, message: `${FIELD_LABELS[requirement]} is required` };
}

/** What the intake says of a required field left empty (the form says it as the person types). */
export const missingForType = (field: string, typeLabel: string) => `${FIELD_LABELS[field]} is required for ${typeLabel}`;

/** What a new task must have: a known, active type and its required intake fields. */
export function checkIntake(task: Task, config: PracticeConfig): Violation | undefined {
  const type = config.taskTypes.get(task.typeId);
  if (!type || !type.active) return { code: 'invalid_document', field: 'typeId', message: `Unknown task type "${task.typeId}"` };
  if (!config.queues.has(task.queue)) return { code: 'invalid_document', field: 'queue', message: `Unknown queue "${task.queue}"` };
  if (task.status !== 'new') return { code: 'forbidden_transition', field: 'status', message: 'New tasks start in triage' };
  for (const field of type.requiredFields) {
    if (!task[field]) return { code: 'missing_field', field, message: missingForType(field, type.label) };
  }
  return undefined;
}

/** Checks a change of status (and what the target status needs). Same-status edits pass. */
export function checkTransition(before: Task, after: Task, actor: WorkflowActor, config: PracticeConfig): Violation | undefined {
  if (before.status === after.status) return undefined;
  const type = config.taskTypes.get(after.typeId);
  const action: ActionDef | undefined = actionFor(before.status, after.status, type);
  if (!action)
    return { code: 'forbidden_transition', field: 'status', message: `A task cannot move from ${before.status} to ${after.status}` };
  if (!mayTake(action, actor.roles, type)) {
    return { code: 'forbidden', field: 'status', message: `Your role may not ${action.label.toLowerCase()} ${type?.label ?? 'this task'}` };
  }
  for (const requirement of action.requires) {
    const violation = unmet(after, requirement, config);
    if (violation) return violation;
  }
  return undefined;
}

/** The check for any pushed task: intake rules for a new one, transition rules for a change. */
export function checkTaskChange(
  before: Task | undefined,
  after: Task,
  actor: WorkflowActor,
  config: PracticeConfig,
): Violation | undefined {
  return before ? checkTransition(before, after, actor, config) : checkIntake(after, config);
}
