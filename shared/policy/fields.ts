// Which kind of permission each task field needs. A field not listed here cannot be changed by a
// workstation at all (identity and bookkeeping: id, createdAt, createdBy, followUpOf, ...).
import type { Task } from '../task';

export type FieldRule =
  /** Any role that edits details, on a task it works (not one it only reviews). */
  | 'details'
  /** Triage roles, on a task they work. */
  | 'triage'
  /** Triage roles set any owner; other staff may only take the task themselves. */
  | 'assign'
  /** Managers, between their own locations. */
  | 'location'
  /** Only together with a status change (the action sets it; the workflow says who may act). */
  | 'workflow'
  /** Set by review actions (reviewer = the one reviewing), the closing outcome, cleared on reopen. */
  | 'review'
  /** What a reason code does not say: with any workflow move (a reviewer's too), else like 'details'. */
  | 'reason';

export const FIELD_RULES = {
  title: 'details',
  description: 'details',
  patientRef: 'details',
  priority: 'details',
  dueAt: 'details',
  channel: 'details',
  providerId: 'details',
  checklist: 'details',
  notes: 'details',
  reasonNote: 'reason',
  category: 'triage',
  typeId: 'triage',
  queue: 'triage',
  ownerId: 'assign',
  locationId: 'location',
  status: 'workflow',
  waitingOn: 'workflow',
  reasonCode: 'workflow',
  outcome: 'review',
  reviewerId: 'review',
} as const satisfies Partial<Record<keyof Task, FieldRule>>;

export type PolicyField = keyof typeof FIELD_RULES;
export const POLICY_FIELDS = Object.keys(FIELD_RULES) as PolicyField[];

/** Client fields no change may touch once the task exists. */
export const FIXED_FIELDS = [
  'createdAt',
  'createdBy',
  'followUpOf',
  'suggestedCategory',
  'suggestionConfidence',
] as const satisfies readonly (keyof Task)[];
