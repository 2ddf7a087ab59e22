// The first-run tour's pages for a person's roles: what their screen is for, the statuses they
// move work through with what must be true to leave each, and the keys that matter to them. Pure:
// the words come from the workflow's own definitions (STATUS_INFO) and the help's key lists.
import type { TaskStatus } from '../../../shared/task';
import { STATUS_LABELS } from '../../../shared/task';
import { STATUS_INFO } from '../../../shared/workflow/statuses';
import type { Role } from '../../../shared/wire';
import { helpKeys } from '../keyboard';

export type TourKind = 'team' | 'clinician' | 'manager' | 'admin';

interface TourKey {
  keys: string;
  label: string;
}

export interface TourStep {
  title: string;
  text: string;
  statuses?: { status: TaskStatus; label: string; leaves: string }[];
  keys?: TourKey[];
}

/** The tour a person gets: the one of the role they act in most as a reviewer, manager or admin; else the team's. */
export function tourKind(roles: readonly Role[]): TourKind {
  if (roles.includes('manager')) return 'manager';
  if (roles.includes('clinician')) return 'clinician';
  if (roles.length > 0 && roles.every((role) => role === 'admin')) return 'admin';
  return 'team';
}

const WORKED: Record<Exclude<TourKind, 'admin'>, TaskStatus[]> = {
  team: ['new', 'ready', 'in_progress', 'waiting', 'needs_info', 'done'],
  clinician: ['needs_review', 'in_review', 'approved', 'rejected', 'needs_info'],
  manager: ['new', 'in_progress', 'waiting', 'needs_review', 'done', 'closed'],
};

/** The keys that matter, as the `?` help says them (one list of keys, so the tour never drifts from it). */
const LOCK = helpKeys('Everywhere', ['Ctrl/⌘ L']);
export const BOARD_KEYS: TourKey[] = [...helpKeys('On the board', ['n', 'j', 'k', 'Enter', 'w', 's', '?']), ...LOCK];
export const APPROVAL_KEYS: TourKey[] = [...helpKeys('In the approval window', ['a', 'r', 'i', 's', 'u', 'j / k, arrows']), ...LOCK];

const statusesOf = (kind: Exclude<TourKind, 'admin'>) =>
  WORKED[kind].map((status) => ({ status, label: STATUS_LABELS[status], leaves: STATUS_INFO[status].exitCriteria }));

export function tourSteps(kind: TourKind, name: string): TourStep[] {
  const hello = name ? `Welcome to Baton, ${name}` : 'Welcome to Baton';
  switch (kind) {
    case 'admin':
      return [
        {
          title: hello,
          text: 'You set the practice up: task types with their checklists and sign-off, routing rules, reason codes, queues, locations, people and roles, and the workstations. Administrators see no tasks: they hold patient information an administrator does not need.',
        },
        {
          title: 'Changes reach every workstation',
          text: 'Each change is saved on this workstation, uploaded when the server is reachable and audited. Workstations & audit enrolls new workstations and exports the audit log.',
          keys: LOCK,
        },
      ];
    case 'clinician':
      return [
        {
          title: hello,
          text: 'Items waiting for your sign-off are under Needs my approval, with their count. Sign off one by one opens the approval window: one item at a time, one key per decision.',
        },
        {
          title: 'What a sign-off moves',
          text: 'Each status, and what must be true for the task to leave it.',
          statuses: statusesOf('clinician'),
        },
        {
          title: 'The keys of the approval window',
          text: 'A decision waits 5 seconds before it is written, so u takes it back.',
          keys: APPROVAL_KEYS,
        },
      ];
    case 'manager':
      return [
        {
          title: hello,
          text: 'The board shows every queue. Dashboard has aging, overdue work, load by person, cycle times and the top exception reasons; every figure opens the tasks behind it. At risk and Exceptions list what is about to miss its target.',
        },
        { title: 'How work moves', text: 'Each status, and what must be true for a task to leave it.', statuses: statusesOf('manager') },
        { title: 'The keys that matter', text: 'The board works from the keyboard.', keys: BOARD_KEYS },
      ];
    case 'team':
      return [
        {
          title: hello,
          text: 'Every request is a task with one owner, a status and a due date. Your board shows your team’s queue and your own work; each card says what it waits on and since when.',
        },
        { title: 'How work moves', text: 'Each status, and what must be true for a task to leave it.', statuses: statusesOf('team') },
        { title: 'The keys that matter', text: 'Everything on the board works from the keyboard.', keys: BOARD_KEYS },
      ];
  }
}
