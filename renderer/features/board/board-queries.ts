// Pure query building for the board: selectors RxDB can serve from its indexes, and the
// search that runs in JS (patient references will be encrypted at rest and cannot be queried).
import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb';
import { TASK_STATUSES, type Task, type TaskStatus } from '../../../shared/task';
import type { BoardFilters } from './board-filters';

export type TaskSelector = MangoQuerySelector<Task>;

/** The selector for the filters other than search; `status` narrows to one board column. */
export function taskSelector(filters: BoardFilters, userId: string, status?: TaskStatus, now = new Date()): TaskSelector {
  const selector: Record<string, unknown> = {};
  const onlyStatus = status ?? filters.status;
  if (onlyStatus) selector.status = onlyStatus;
  else if (filters.statuses.length) selector.status = { $in: filters.statuses };
  if (filters.owner === 'mine') selector.ownerId = userId;
  else if (filters.ownerId) selector.ownerId = filters.ownerId;
  else if (filters.ownerIds.length) selector.ownerId = { $in: filters.ownerIds };
  if (filters.providerIds.length) selector.providerId = { $in: filters.providerIds };
  if (filters.taskIds) selector.id = { $in: filters.taskIds };
  if (filters.queue) selector.queue = filters.queue;
  if (filters.priority) selector.priority = filters.priority;
  if (filters.typeIds.length) selector.typeId = { $in: filters.typeIds };
  if (filters.overdue) selector.dueAt = { $lt: now.toISOString() };
  return selector as TaskSelector;
}

/** The board's columns for these filters: the view's statuses, or all. */
export function visibleStatuses(filters: BoardFilters): TaskStatus[] {
  return filters.statuses.length ? filters.statuses : [...TASK_STATUSES];
}

/**
 * Whether a count of this selector can be answered from an index alone (RxDB "fast" count):
 * status alone (['status','dueAt']), or status and owner (['ownerId','status']).
 */
export function countIsIndexed(selector: TaskSelector): boolean {
  if (Object.values(selector).some((v) => typeof v === 'object')) return false;
  const keys = Object.keys(selector).sort().join(',');
  return keys === '' || keys === 'status' || keys === 'ownerId,status' || keys === 'pendingSync';
}

export function normalizeSearch(search: string): string {
  return search.trim().toLowerCase();
}

/**
 * What a search looks in: title and patient reference, lower-cased, joined by a line break a
 * needle (one line from the search box) cannot contain, so nothing matches across the two.
 */
export const searchText = (task: Pick<Task, 'title' | 'patientRef'>) => `${task.title.toLowerCase()}\n${task.patientRef.toLowerCase()}`;

/** Case-insensitive match on title and patient reference; '' matches everything. */
export function matchesSearch(task: Pick<Task, 'title' | 'patientRef'>, needle: string): boolean {
  return !needle || searchText(task).includes(needle);
}

export const TASK_SORT: MangoQuerySortPart<Task>[] = [{ dueAt: 'asc' }, { id: 'asc' }];
