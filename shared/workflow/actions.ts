// The lifecycle as data: every allowed status change is an action with the roles that may take
// it and what must be true afterwards. The UI offers these; the server refuses anything else.
import type { ReasonKind, TaskTypeConfig } from '../config/schemas';
import type { TaskStatus } from '../task';
import type { Role } from '../wire';

export type ActionId =
  | 'accept'
  | 'start'
  | 'return_to_triage'
  | 'wait'
  | 'resume'
  | 'send_to_review'
  | 'withdraw_review'
  | 'pick_up_review'
  | 'approve'
  | 'reject'
  | 'request_info'
  | 'complete'
  | 'close'
  | 'reopen';

export type Requirement = 'ownerId' | 'category' | 'waitingOn' | 'checklistDone' | { reason: ReasonKind };

export interface ActionDef {
  id: ActionId;
  label: string;
  /** One key in the approval window and the board's move menu. */
  key?: string;
  from: TaskStatus[];
  to: TaskStatus;
  /** Who may take it; 'reviewer' means the type's review role (and managers). */
  roles: (Role | 'reviewer')[];
  requires: Requirement[];
  /** Only for types where this holds. */
  when?: (type: TaskTypeConfig | undefined) => boolean;
  /** Counts as a send-back (rework). */
  rework?: boolean;
}

const WORKERS: Role[] = ['front_desk', 'billing', 'referrals', 'clinical_support', 'clinician', 'manager'];
const TRIAGERS: Role[] = ['front_desk', 'billing', 'referrals', 'clinical_support', 'manager'];
const needsReview = (type: TaskTypeConfig | undefined) => !!type?.review.required;

export const ACTIONS: readonly ActionDef[] = [
  { id: 'accept', label: 'Accept from triage', from: ['new'], to: 'ready', roles: TRIAGERS, requires: ['ownerId', 'category'] },
  { id: 'start', label: 'Start work', from: ['new', 'ready'], to: 'in_progress', roles: WORKERS, requires: ['ownerId', 'category'] },
  { id: 'return_to_triage', label: 'Back to triage', from: ['ready'], to: 'new', roles: TRIAGERS, requires: [] },
  {
    id: 'wait',
    label: 'Set waiting',
    from: ['ready', 'in_progress'],
    to: 'waiting',
    roles: WORKERS,
    requires: ['waitingOn', { reason: 'exception' }],
  },
  { id: 'resume', label: 'Resume', from: ['waiting', 'needs_info'], to: 'in_progress', roles: WORKERS, requires: ['ownerId'] },
  {
    id: 'send_to_review',
    label: 'Send to review',
    from: ['in_progress'],
    to: 'needs_review',
    roles: WORKERS,
    requires: ['checklistDone'],
    when: needsReview,
  },
  { id: 'withdraw_review', label: 'Withdraw from review', from: ['needs_review'], to: 'in_progress', roles: WORKERS, requires: [] },
  { id: 'pick_up_review', label: 'Start review', from: ['needs_review'], to: 'in_review', roles: ['reviewer'], requires: [] },
  { id: 'approve', label: 'Approve', key: 'a', from: ['needs_review', 'in_review'], to: 'approved', roles: ['reviewer'], requires: [] },
  {
    id: 'reject',
    label: 'Reject',
    key: 'r',
    from: ['needs_review', 'in_review'],
    to: 'rejected',
    roles: ['reviewer'],
    requires: [{ reason: 'rejection' }],
    rework: true,
  },
  {
    id: 'request_info',
    label: 'Send back for info',
    key: 'i',
    from: ['needs_review', 'in_review'],
    to: 'needs_info',
    roles: ['reviewer'],
    requires: [{ reason: 'needs_info' }],
    rework: true,
  },
  {
    id: 'complete',
    label: 'Mark done',
    from: ['in_progress'],
    to: 'done',
    roles: WORKERS,
    requires: ['checklistDone'],
    when: (t) => !needsReview(t),
  },
  { id: 'complete', label: 'Mark done', from: ['approved'], to: 'done', roles: WORKERS, requires: ['checklistDone'] },
  { id: 'close', label: 'Close', from: ['done', 'approved', 'rejected'], to: 'closed', roles: WORKERS, requires: [] },
  {
    id: 'reopen',
    label: 'Reopen',
    from: ['done', 'closed', 'rejected'],
    to: 'in_progress',
    roles: WORKERS,
    requires: ['ownerId', { reason: 'reopen' }],
    rework: true,
  },
];

function reviewerRoles(type: TaskTypeConfig | undefined): Role[] {
  const role = type?.review.role;
  return role ? [role, 'manager'] : ['manager'];
}

/** Whether a user holding `roles` may take `action` (the union of the roles counts). */
export function mayTake(action: ActionDef, roles: readonly Role[], type: TaskTypeConfig | undefined): boolean {
  return roles.some((role) => action.roles.some((r) => (r === 'reviewer' ? reviewerRoles(type).includes(role) : r === role)));
}

/** Review decisions and picking up a review: taken by the type's reviewer. */
export const isReviewAction = (action: ActionDef) => action.roles.includes('reviewer');

/** The action that moves `from` to `to` for this type, if any. */
export function actionFor(from: TaskStatus, to: TaskStatus, type: TaskTypeConfig | undefined): ActionDef | undefined {
  return ACTIONS.find((a) => a.from.includes(from) && a.to === to && (!a.when || a.when(type)));
}

/** The actions `roles` may take from `status` by the workflow alone (policy.allowedActions adds access). */
export function availableActions(status: TaskStatus, roles: readonly Role[], type: TaskTypeConfig | undefined): ActionDef[] {
  return ACTIONS.filter((a) => a.from.includes(status) && (!a.when || a.when(type)) && mayTake(a, roles, type));
}
