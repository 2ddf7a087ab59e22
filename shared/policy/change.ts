// "May this user make this change?": one pure function for the workstation (which hides or
// disables what it would refuse) and the server (which refuses with the same code and message).
// Order: where the task is, whether the user may read it, the workflow move, then each field.
import type { PracticeConfig } from '../config/practice';
import { jsonEqual } from '../equal';
import type { Task } from '../task';
import { actionFor, availableActions, isReviewAction, type ActionDef } from '../workflow/actions';
import { checkTaskChange, type Violation } from '../workflow/check';
import { createdAtViolation, referenceViolation, type ReferenceContext } from '../workflow/references';
import { FIELD_RULES, FIXED_FIELDS, POLICY_FIELDS, type FieldRule, type PolicyField } from './fields';
import { taskAccess, type PolicyUser, type TaskAccess } from './read';
import { notesViolation } from './notes';
import { anyRole } from './roles';
import { maySignOff, signOffMessage } from './sign-off';

const FIELD_NAMES: Record<PolicyField, string> = {
  title: 'the title',
  description: 'the request details',
  patientRef: 'the patient reference',
  priority: 'the priority',
  dueAt: 'the due date',
  channel: 'the channel',
  providerId: 'the provider',
  checklist: 'the checklist',
  notes: 'the notes',
  reasonNote: 'the reason note',
  category: 'the category',
  typeId: 'the task type',
  queue: 'the queue',
  ownerId: 'the owner',
  locationId: 'the location',
  status: 'the status',
  waitingOn: 'what it waits on',
  reasonCode: 'the reason code',
  outcome: 'the outcome',
  reviewerId: 'the reviewer',
};

const forbidden = (field: string | undefined, message: string): Violation => ({ code: 'forbidden', ...(field ? { field } : {}), message });

/** Whether the rule lets the user change a field, given their access and the move being made (if any). */
function ruleAllows(rule: FieldRule, user: PolicyUser, access: TaskAccess, after: Task, action: ActionDef | undefined): boolean {
  const work = access === 'work';
  switch (rule) {
    case 'details':
      return work && anyRole(user.roles, (p) => p.editsDetails);
    case 'triage':
      return work && anyRole(user.roles, (p) => p.triages);
    case 'assign':
      return work && (anyRole(user.roles, (p) => p.triages) || (after.ownerId === user.id && anyRole(user.roles, (p) => p.editsDetails)));
    case 'location':
      return anyRole(user.roles, (p) => p.manages);
    case 'workflow':
      return !!action;
    case 'review':
      return !!action && (isReviewAction(action) || action.id === 'close' || action.id === 'reopen');
    case 'reason':
      return !!action || ruleAllows('details', user, access, after, action);
  }
}

function reviewerViolation(user: PolicyUser, after: Task, action: ActionDef | undefined): Violation | undefined {
  if (action && isReviewAction(action) && after.reviewerId !== user.id)
    return forbidden('reviewerId', 'The reviewer is whoever takes the review action');
  if (action && !isReviewAction(action) && !['withdraw_review', 'reopen'].includes(action.id))
    return forbidden('reviewerId', 'Only a review action sets the reviewer');
  if (action && !isReviewAction(action) && after.reviewerId !== '')
    return forbidden('reviewerId', 'Withdrawing or reopening clears the reviewer');
  return undefined;
}

function checkCreate(user: PolicyUser, after: Task, config: PracticeConfig): Violation | undefined {
  if (!anyRole(user.roles, (p) => p.files)) return forbidden(undefined, 'Your role may not file tasks');
  if (after.outcome || after.reviewerId)
    return forbidden(after.outcome ? 'outcome' : 'reviewerId', 'A new task has no outcome or reviewer yet');
  return checkTaskChange(undefined, after, user, config);
}

export interface ChangeContext extends ReferenceContext {
  /** The checker's clock (ms): bounds a new task's createdAt. */
  now?: number;
}

/**
 * The permission and workflow check of one task change. `before` undefined: a new task; `deleted`:
 * the change deletes the task. Returns the first rule broken, or undefined when allowed.
 */
export function checkTaskPermission(
  user: PolicyUser,
  before: Task | undefined,
  after: Task,
  config: PracticeConfig,
  deleted = false,
  context: ChangeContext = {},
): Violation | undefined {
  const violation = checkPermission(user, before, after, config, deleted, context.now ?? Date.now());
  if (violation || deleted) return violation;
  // What the task names must exist, so the task stays in a bucket somebody reads.
  return (
    referenceViolation(before, after, config, context) ??
    (before ? undefined : createdAtViolation(after, config, context.now ?? Date.now()))
  );
}

function checkPermission(
  user: PolicyUser,
  before: Task | undefined,
  after: Task,
  config: PracticeConfig,
  deleted: boolean,
  now: number,
): Violation | undefined {
  if (!user.locationIds.includes(after.locationId)) return forbidden('locationId', 'You may not file tasks for that location');
  if (!before) return checkCreate(user, after, config) ?? notesViolation(undefined, after.notes);
  const access = taskAccess(user, before, config);
  if (access === 'none') return forbidden(undefined, 'You may not change this task');
  if (deleted) return anyRole(user.roles, (p) => p.manages) ? undefined : forbidden(undefined, 'Only a manager may delete a task');
  const notes = notesViolation(before.notes, after.notes);
  if (notes) return notes;

  const workflow = checkTaskChange(before, after, user, config);
  if (workflow) return workflow;
  const type = config.taskTypes.get(after.typeId);
  const action = before.status === after.status ? undefined : actionFor(before.status, after.status, type);
  if (access === 'review' && !(action && isReviewAction(action))) return forbidden(undefined, 'You see this task only to review it');
  if (action && isReviewAction(action) && !maySignOff(user, before, now, config))
    return forbidden('status', signOffMessage(before, now, config));

  for (const field of FIXED_FIELDS) {
    if (!jsonEqual(before[field], after[field])) return forbidden(field, `${field} is set when the task is filed and does not change`);
  }
  for (const field of POLICY_FIELDS) {
    if (jsonEqual(before[field], after[field])) continue;
    const rule = FIELD_RULES[field];
    if (access === 'review' && rule !== 'workflow' && rule !== 'review' && rule !== 'reason')
      return forbidden(field, `You review this task; you may not change ${FIELD_NAMES[field]}`);
    if (!ruleAllows(rule, user, access, after, action))
      return forbidden(
        field,
        `Your role may not change ${FIELD_NAMES[field]}${rule === 'workflow' || rule === 'review' ? ' this way' : ''}`,
      );
    if (field === 'reviewerId') {
      const violation = reviewerViolation(user, after, action);
      if (violation) return violation;
    }
  }
  return undefined;
}

/** Whether the user may change `field` of `task` outside a workflow move (what the form lets them edit). */
export function mayEditField(user: PolicyUser, task: Task, field: PolicyField, config: PracticeConfig): boolean {
  const rule = FIELD_RULES[field];
  if (rule === 'workflow' || rule === 'review') return false;
  const access = taskAccess(user, task, config);
  if (access !== 'work' || !user.locationIds.includes(task.locationId)) return false;
  // Assigning to anyone needs triage; `mayTakeTask` covers taking it oneself.
  return ruleAllows(rule === 'assign' ? 'triage' : rule, user, access, task, undefined);
}

/** Whether the user may add documents to the task: whoever may add a note to it (the task's details, on a task they work). */
export const mayAttachFiles = (user: PolicyUser, task: Task, config: PracticeConfig): boolean => mayEditField(user, task, 'notes', config);

/** Whether the user may make themselves the owner. */
export function mayTakeTask(user: PolicyUser, task: Task, config: PracticeConfig): boolean {
  return task.ownerId !== user.id && !checkTaskPermission(user, task, { ...task, ownerId: user.id }, config);
}

/** The workflow actions the user may take on this task at `at`: their roles' actions, within their access. */
export function allowedActions(user: PolicyUser, task: Task, config: PracticeConfig, at = Date.now()): ActionDef[] {
  const access = taskAccess(user, task, config);
  if (access === 'none' || !user.locationIds.includes(task.locationId)) return [];
  const actions = availableActions(task.status, user.roles, config.taskTypes.get(task.typeId)).filter(
    (a) => !isReviewAction(a) || maySignOff(user, task, at, config),
  );
  return access === 'review' ? actions.filter(isReviewAction) : actions;
}

/** Whether the user may file new tasks at all. */
export const mayFileTasks = (user: Pick<PolicyUser, 'roles'>) => anyRole(user.roles, (p) => p.files);
