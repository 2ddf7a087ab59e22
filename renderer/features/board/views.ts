// The board's named views as filter presets: the whole board, my work, (while I cover for someone)
// their open work, each team's queue, needs my approval, triage, waiting, overdue, at risk and
// (managers) exceptions.
import type { PracticeConfig } from '../../../shared/config/practice';
import { TASK_STATUSES, type TaskStatus } from '../../../shared/task';
import type { Role } from '../../../shared/wire';
import { isOpenStatus } from '../../../shared/workflow/statuses';
import { queuesOf } from '../../../shared/policy/read';
import { AWAITING_REVIEW } from '../../../shared/buckets';
import { EMPTY_FILTERS, type BoardFilters } from './board-filters';
import { reviewableTypeIds } from '../../workflow/workflow';

export interface NamedView {
  id: string;
  label: string;
  filters: BoardFilters;
}

const OPEN: TaskStatus[] = TASK_STATUSES.filter(isOpenStatus);

/**
 * The board's columns in the order the person works them: a clinician's sign-off columns first,
 * everyone else's in the workflow's order.
 */
export function columnOrder(statuses: readonly TaskStatus[], roles: readonly Role[]): TaskStatus[] {
  if (!roles.includes('clinician')) return [...statuses];
  const signOff = statuses.filter((s) => AWAITING_REVIEW.includes(s));
  return [...signOff, ...statuses.filter((s) => !signOff.includes(s))];
}

export interface Viewer {
  id: string;
  /** The people the user covers for now (coverage's `coveredBy`): the Covering view shows their open work. */
  covering: readonly string[];
}

export function namedViews(config: PracticeConfig, roles: readonly Role[], viewer: Viewer = { id: '', covering: [] }): NamedView[] {
  const { covering } = viewer;
  // Sign-off by the right clinician: tasks naming no provider, me, or someone I cover for (managers: all).
  const providerIds = viewer.id && !roles.includes('manager') ? ['', viewer.id, ...covering] : [];
  const view = (id: string, label: string, filters: Partial<BoardFilters>): NamedView => ({
    id,
    label,
    filters: { ...EMPTY_FILTERS, ...filters },
  });
  // Only what the person can read: the queues of their roles, sign-off where they give it.
  const readable = new Set(roles.flatMap((role) => queuesOf(role, config.queues.keys())));
  const signsOff = reviewableTypeIds(config, roles);
  return [
    view('board', 'Whole board', {}),
    view('mine', 'My work', { owner: 'mine', statuses: OPEN }),
    ...(covering.length ? [view('covering', 'Covering', { ownerIds: [...covering], statuses: OPEN })] : []),
    ...(signsOff.length ? [view('approval', 'Needs my approval', { statuses: [...AWAITING_REVIEW], providerIds, typeIds: signsOff })] : []),
    view('triage', 'Triage', { statuses: ['new'] }),
    view('waiting', 'Waiting', { statuses: ['waiting'] }),
    view('overdue', 'Overdue', { statuses: OPEN, overdue: true }),
    view('at_risk', 'At risk', { statuses: OPEN, sla: 'at_risk' }),
    ...(roles.includes('manager') ? [view('exceptions', 'Exceptions', { statuses: OPEN, sla: 'exceptions' })] : []),
    ...[...config.queues].filter(([id]) => readable.has(id)).map(([id, q]) => view(`queue:${id}`, `${q.label} queue`, { queue: id })),
  ];
}
